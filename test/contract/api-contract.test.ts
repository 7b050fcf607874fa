/**
 * The local API's document tells the truth: a real gateway (with a cloud double, so staff routes work) is called on
 * every path and method of its own /api/openapi.json, and each real answer — status and body — is validated against
 * that document with a JSON Schema 2020-12 validator. A route missing here, or an answer the document does not
 * describe (an extra field, a wrong type, an undocumented status), fails the test.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { CloudDouble } from '../cloud-double/server.js';
import { HandAdapter } from '../support/floor-gateway.js';
import { FAST_UPLINK, testGateway } from '../support/gateway.js';

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

interface Call {
  path: string;
  query?: string;
  body?: unknown;
  /** The status a valid request must get. */
  expect: number;
}

const STAFF_PIN = '4821';
const BADGE = '1010';

describe('the local API answers as its OpenAPI document says', () => {
  let cloud: CloudDouble;
  let gateway: Gateway;
  let document: Document;
  const ids = { rower: 'rower-1', strap: 'hr-1', challenge: '', playlist: 'floor' };
  const hand = new HandAdapter();

  beforeAll(async () => {
    cloud = new CloudDouble();
    cloud.challenges = [
      { id: 'nov-row', name: 'November 100K Row', type: 'distance', metric: 'rowing_meters', target: 100_000, startDate: '2026-01-01', endDate: '2099-12-31' },
    ];
    await cloud.start();
    gateway = await testGateway(
      { FLOORGATE_CLOUD_URL: cloud.url, FLOORGATE_API_KEY: cloud.apiKey, FLOORGATE_CLOUD_TIER: 'unlimited' },
      {
        uplink: FAST_UPLINK,
        adapters: [hand],
        configure: (config) => {
          config.staff.pin = STAFF_PIN;
          config.screens.playlists = { floor: [{ screen: 'wod', params: {}, seconds: 20 }] };
        },
      },
    );
    const staff = { authorization: `Bearer ${gateway.staffToken}` };
    expect((await fetch(`${gateway.url}/api/staff/sync`, { method: 'POST', headers: staff })).status).toBe(200);
    hand.sink.reading({ equipmentId: ids.rower, name: 'Rower 1', kind: 'rower', at: new Date(), metrics: { powerW: 180, distanceM: 3 } });
    hand.sink.reading({ equipmentId: ids.strap, name: 'HR 1', kind: 'hr_strap', at: new Date(), metrics: { heartRateBpm: 120 } });
    const challenges = ((await (await fetch(`${gateway.url}/api/challenges`)).json()) as { challenges: Array<{ id: string }> }).challenges;
    ids.challenge = challenges[0]!.id;
    const hook = { name: 'contract-gone', url: 'http://127.0.0.1:9/hook', events: ['test'] };
    const added = await fetch(`${gateway.url}/api/webhooks`, { method: 'POST', headers: { ...staff, 'content-type': 'application/json' }, body: JSON.stringify(hook) });
    expect(added.status).toBe(201); // deleted by the DELETE call below
    document = (await (await fetch(`${gateway.url}/api/openapi.json`)).json()) as Document;
  });
  afterAll(async () => {
    await gateway?.close();
    await cloud?.stop();
  });

  /** A valid request for every operation, keyed `METHOD path`; the test fails for an operation without one. */
  const calls = (): Record<string, Call> => ({
    'GET /healthz': { path: '/healthz', expect: 200 },
    'GET /api/status': { path: '/api/status', expect: 200 },
    'GET /api/screen-config': { path: '/api/screen-config', expect: 200 },
    'GET /api/lan-addresses': { path: '/api/lan-addresses', expect: 200 },
    'GET /api/kiosk-config': { path: '/api/kiosk-config', expect: 200 },
    'GET /api/openapi.json': { path: '/api/openapi.json', expect: 200 },
    'GET /metrics': { path: '/metrics', expect: 200 },
    'POST /api/checkins': { path: '/api/checkins', body: { badge: BADGE, method: 'qr' }, expect: 200 },
    'POST /api/equipment/sessions': {
      path: '/api/equipment/sessions',
      body: {
        equipmentId: 'bridge-row-9',
        equipmentType: 'rower',
        startedAt: new Date(Date.now() - 600_000).toISOString(),
        endedAt: new Date(Date.now() - 120_000).toISOString(),
        summary: { distanceM: 2000, durationS: 480 },
      },
      expect: 202,
    },
    'POST /api/equipment/{id}/claim': { path: `/api/equipment/${ids.rower}/claim`, body: { badge: '1011' }, expect: 200 },
    'POST /api/sessions/{id}/claim': { path: '/api/sessions/no-such-session/claim', body: { badge: '1011' }, expect: 404 },
    'GET /api/sessions/claimable': { path: '/api/sessions/claimable', expect: 200 },
    'PUT /api/straps/{id}/pairing': { path: `/api/straps/${ids.strap}/pairing`, body: { badge: '1012' }, expect: 200 },
    'DELETE /api/straps/{id}/pairing': { path: `/api/straps/${ids.strap}/pairing`, expect: 200 },
    'POST /api/staff/session': { path: '/api/staff/session', body: { pin: STAFF_PIN }, expect: 201 },
    'DELETE /api/staff/session': { path: '/api/staff/session', expect: 401 }, // the staff token is not a session to revoke
    'GET /api/staff/dead-letters': { path: '/api/staff/dead-letters', query: 'limit=10', expect: 200 },
    'POST /api/staff/dead-letters/requeue': { path: '/api/staff/dead-letters/requeue', body: { eventIds: 'all' }, expect: 200 },
    'POST /api/staff/sync': { path: '/api/staff/sync', expect: 200 },
    'PUT /api/staff/cloud-key': { path: '/api/staff/cloud-key', body: { apiKey: cloud.apiKey }, expect: 200 },
    // The staff console (with a cloud configured, the cloud owns WODs, members and challenges: 409, documented).
    'GET /api/staff/front-desk/today': { path: '/api/staff/front-desk/today', expect: 200 },
    'GET /api/staff/members': { path: '/api/staff/members', query: `q=${BADGE}`, expect: 200 },
    'POST /api/staff/checkins': { path: '/api/staff/checkins', body: { memberId: 'no-such-member', reason: 'forgot the badge' }, expect: 404 },
    'POST /api/staff/alerts/{id}/acknowledge': { path: '/api/staff/alerts/999999/acknowledge', expect: 404 },
    'POST /api/staff/dead-letters/{eventId}/discard': { path: '/api/staff/dead-letters/no-such-event/discard', body: { reason: 'test event' }, expect: 404 },
    'GET /api/staff/wods': { path: '/api/staff/wods', expect: 200 },
    'PUT /api/staff/wods/{date}': { path: `/api/staff/wods/${new Date().toISOString().slice(0, 10)}`, body: { title: 'Fran', parts: ['21-15-9'] }, expect: 409 },
    'POST /api/staff/roster': { path: '/api/staff/roster', body: { fileName: 'members.csv', text: 'id,name\n' }, expect: 409 },
    'POST /api/staff/challenges': {
      path: '/api/staff/challenges',
      body: { name: 'Row 10K', type: 'distance', metric: 'rowing_meters', startDate: '2026-01-01', endDate: '2099-12-31' },
      expect: 409,
    },
    'GET /api/staff/screens': { path: '/api/staff/screens', expect: 200 },
    'POST /api/staff/class/start': { path: '/api/staff/class/start', body: { title: 'Spin 45', minutes: 45 }, expect: 200 },
    'POST /api/staff/class/stop': { path: '/api/staff/class/stop', expect: 200 },
    'GET /api/staff/jobs': { path: '/api/staff/jobs', expect: 200 },
    'POST /api/staff/jobs/{name}/run': { path: '/api/staff/jobs/retention/run', expect: 200 },
    'GET /api/staff/gym': { path: '/api/staff/gym', expect: 200 },
    'PUT /api/staff/gym': {
      path: '/api/staff/gym',
      body: { name: 'Contract Gym', capacity: null, openingHours: [], scheduleIcs: null },
      expect: 200,
    },
    'GET /api/staff/playlists': { path: '/api/staff/playlists', expect: 200 },
    'PUT /api/staff/playlists/{name}': { path: '/api/staff/playlists/lobby', body: { items: [{ screen: 'occupancy', seconds: 10 }] }, expect: 200 },
    'DELETE /api/staff/playlists/{name}': { path: '/api/staff/playlists/floor', expect: 409 }, // floor: from the config file
    'GET /api/webhooks': { path: '/api/webhooks', expect: 200 },
    'GET /api/webhooks/{name}/dead-letters': { path: '/api/webhooks/nobody/dead-letters', expect: 404 },
    'POST /api/webhooks/{name}/test': { path: '/api/webhooks/nobody/test', expect: 404 },
    'POST /api/webhooks/{name}/requeue': { path: '/api/webhooks/nobody/requeue', body: { eventIds: 'all' }, expect: 404 },
    // A destination made at the console, then edited, paused, resumed, its dead letters discarded, rotated, deleted.
    'POST /api/webhooks': { path: '/api/webhooks', body: { name: 'contract-hook', url: 'http://127.0.0.1:9/hook', events: ['member.checked_in'] }, expect: 201 },
    'PUT /api/webhooks/{name}': { path: '/api/webhooks/contract-hook', body: { url: 'http://127.0.0.1:9/hook2', events: ['member.denied'], maxPerSecond: 2 }, expect: 200 },
    'POST /api/webhooks/{name}/pause': { path: '/api/webhooks/contract-hook/pause', body: {}, expect: 200 },
    'POST /api/webhooks/{name}/resume': { path: '/api/webhooks/contract-hook/resume', body: {}, expect: 200 },
    'POST /api/webhooks/{name}/discard': { path: '/api/webhooks/contract-hook/discard', body: { eventIds: 'all' }, expect: 200 },
    'POST /api/webhooks/{name}/rotate-secret': { path: '/api/webhooks/contract-hook/rotate-secret', body: {}, expect: 200 },
    'DELETE /api/webhooks/{name}': { path: '/api/webhooks/contract-gone', expect: 200 },
    'GET /api/challenges': { path: '/api/challenges', expect: 200 },
    'GET /api/challenges/{id}/leaderboard': { path: `/api/challenges/${ids.challenge}/leaderboard`, expect: 200 },
    'GET /api/achievements': { path: '/api/achievements', expect: 200 },
    'GET /api/equipment': { path: '/api/equipment', expect: 200 },
    'GET /api/occupancy/by-hour': { path: '/api/occupancy/by-hour', expect: 200 },
    'GET /api/wod': { path: '/api/wod', query: 'date=2026-11-22', expect: 200 },
    'GET /api/schedule': { path: '/api/schedule', query: 'date=2026-11-22', expect: 200 },
    'GET /api/playlists': { path: '/api/playlists', expect: 200 },
    'GET /api/playlists/{name}': { path: `/api/playlists/${ids.playlist}`, expect: 200 },
  });

  async function call(method: string, request: Call) {
    const headers: Record<string, string> = { authorization: `Bearer ${gateway.staffToken}` };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${gateway.url}${request.path}${request.query ? `?${request.query}` : ''}`, {
      method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', text };
  }

  it('documents every route with a schema for each JSON answer, and each real answer matches it', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const examples = calls();
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThanOrEqual(25);
    expect(operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual(Object.keys(examples).sort());

    const problems: string[] = [];
    for (const { path, method, op } of operations) {
      const key = `${method.toUpperCase()} ${path}`;
      const answer = await call(method.toUpperCase(), examples[key]!);
      if (answer.status !== examples[key]!.expect) problems.push(`${key}: status ${answer.status}, expected ${examples[key]!.expect}: ${answer.text.slice(0, 200)}`);
      const documented = op.responses[String(answer.status)];
      if (!documented) {
        problems.push(`${key}: status ${answer.status} is not in the document`);
        continue;
      }
      const schema = documented.content?.['application/json']?.schema;
      if (!schema) {
        expect(answer.type, key).not.toContain('application/json');
        continue;
      }
      expect(answer.type, key).toContain('application/json');
      const validate = ajv.compile(schema);
      if (!validate(JSON.parse(answer.text))) problems.push(`${key}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(problems).toEqual([]);
  });

  it('answers refusals and bad input with the documented error shape, naming the field', async () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const checkIns = document.paths['/api/checkins']!.post!;
    const bad = await fetch(`${gateway.url}/api/checkins`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ badge: BADGE, method: 'nfc' }) });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.message).toBe('method must be one of badge, qr, pin, staff');
    expect(ajv.validate(checkIns.responses['400']!.content!['application/json']!.schema, body)).toBe(true);

    const staff = document.paths['/api/staff/sync']!.post!;
    const refused = await fetch(`${gateway.url}/api/staff/sync`, { method: 'POST' });
    expect(refused.status).toBe(401);
    expect(ajv.validate(staff.responses['401']!.content!['application/json']!.schema, await refused.json())).toBe(true);
  });
});
