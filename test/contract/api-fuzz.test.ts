/**
 * Issue 10: random methods, paths (from the OpenAPI document, and mutations of them), headers and bodies at every
 * route of a real gateway. Never a 5xx, the server keeps answering, and a refused request stores nothing.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { CloudDouble } from '../cloud-double/server.js';
import { testGateway } from '../support/gateway.js';

const STAFF_PIN = '4821';
/** A stand-in renderer build: an index.html and one asset, enough for the static routes to serve. */
function builtRenderer(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-renderer-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Floorgate</title><div id="root"></div>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log("floorgate")');
  return dir;
}
type Credential = 'none' | 'staffToken' | 'staffSession' | 'staffCookie' | 'bridgeToken' | 'kioskToken';

describe('the local API under random input', () => {
  let gateway: Gateway;
  let cloud: CloudDouble;
  let operations: Array<{ method: string; path: string }>;
  /** Each credential the API knows, so the fuzz reaches past every guard into the routes' validation. */
  let credentials: Record<Credential, Record<string, string>>;

  beforeAll(async () => {
    // With a cloud (a real HTTP double on loopback), so the staff routes that need one run their validation too.
    cloud = new CloudDouble();
    await cloud.start();
    gateway = await testGateway({ FLOORGATE_CLOUD_URL: cloud.url, FLOORGATE_API_KEY: cloud.apiKey }, {
      // A built renderer of its own: without a build, screen pages answer 503 "not built", which is not what is fuzzed here.
      rendererDir: builtRenderer(),
      configure: (config) => (config.staff.pin = STAFF_PIN),
    });
    // No background delivery: a refused request must change nothing, and the uplink would change the outbox meanwhile.
    await gateway.uplink!.stop();
    const signedIn = (await (
      await fetch(`${gateway.url}/api/staff/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin: STAFF_PIN }) })
    ).json()) as { token: string };
    credentials = {
      none: {},
      staffToken: { authorization: `Bearer ${gateway.staffToken}` },
      staffSession: { authorization: `Bearer ${signedIn.token}` },
      staffCookie: { cookie: `floorgate_staff=${signedIn.token}` },
      bridgeToken: { authorization: `Bearer ${gateway.bridgeToken}` },
      kioskToken: { authorization: `Bearer ${gateway.kioskToken}` },
    };
    const document = (await (await fetch(`${gateway.url}/api/openapi.json`)).json()) as { paths: Record<string, object> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
  });
  afterAll(async () => {
    await gateway?.close();
    await cloud?.stop();
  });

  /**
   * Row counts of every table (journal facts, the outbox, sessions, strap pairings, alerts, counters…), the staff
   * actions journalled, and the settings as they read: staff routes overwrite settings rows in place.
   */
  const stored = (): Record<string, unknown> => {
    const tables = gateway.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>;
    const counts: Record<string, number> = Object.fromEntries(tables.map(({ name }) => [name, (gateway.db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
    const staffActions = gateway.db.prepare(`SELECT COUNT(*) AS n FROM journal WHERE type = 'staff_action'`).get() as { n: number };
    const settings = gateway.db.prepare('SELECT key, value FROM settings ORDER BY key').all();
    return { ...counts, staffActions: staffActions.n, settings };
  };

  const segment = fc.oneof(
    fc.constantFrom('rower-1', 'hr-1', 'floor', 'nov-row', '..', '%2e%2e', '%', '%ZZ', '', 'a'.repeat(300), '😀', '<script>'),
    fc.string({ maxLength: 20 }).map(encodeURIComponent),
  );
  /** An operation of the document (its method, mostly) with its parameters filled at random, sometimes mutated. */
  const target = fc
    .tuple(
      fc.integer({ min: 0, max: 1_000 }),
      fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS')),
      fc.array(segment, { minLength: 3, maxLength: 3 }),
      fc.oneof(
        { arbitrary: fc.constant(''), weight: 3 },
        fc.constantFrom('/', '/extra', '?date=2026-13-45', '?date=2026-11-22&date=x', '?limit=-1', '?limit=abc&location=', '?__proto__=1', '#x'),
      ),
    )
    .map(([pick, verb, [a, b, c], suffix]) => {
      const operation = operations[pick % operations.length]!;
      const path = operation.path.replace('{id}', a!).replace('{name}', b!) + (pick % 7 === 0 ? `/${c}` : '') + suffix;
      return { method: verb ?? operation.method, path };
    });

  const json = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(
      {
        badge: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('1010', '1011', ' ', ''), fc.integer(), fc.constant(null)),
        method: fc.oneof(fc.constantFrom('badge', 'qr', 'pin', 'staff', 'nfc'), fc.anything()),
        eventIds: fc.oneof(fc.constant('all'), fc.array(fc.string())),
        equipmentId: fc.string({ maxLength: 140 }),
        equipmentType: fc.constantFrom('rower', 'bike', 'boat'),
        startedAt: fc.constantFrom('2026-11-22T08:00:00Z', 'yesterday', ''),
        endedAt: fc.constantFrom('2026-11-22T08:08:00Z', '2026-11-22T07:00:00Z'),
        summary: fc.oneof(fc.record({ distanceM: fc.double(), durationS: fc.double() }), fc.anything()),
        // What staff routes read: check-in overrides, gym settings, playlists, WODs, classes, challenges, the PIN.
        pin: fc.oneof(fc.constantFrom(STAFF_PIN, '0000', ''), fc.string({ maxLength: 10 })),
        apiKey: fc.oneof(fc.constantFrom('bak_valid-key-123', 'bak_\n', 'bak_\u0000', 'no-prefix'), fc.string({ maxLength: 20 })),
        memberId: fc.oneof(fc.constantFrom('m-anna', 'm-lina', 'm-nobody', ''), fc.string({ maxLength: 80 })),
        reason: fc.oneof(fc.constantFrom('', 'Signed the waiver'), fc.string({ maxLength: 600 })),
        override: fc.oneof(fc.boolean(), fc.anything()),
        name: fc.oneof(fc.constantFrom('Cloud Gym', ''), fc.string({ maxLength: 300 })),
        capacity: fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.double(), fc.constant(null)),
        openingHours: fc.oneof(fc.constant([]), fc.array(fc.anything(), { maxLength: 3 })),
        scheduleIcs: fc.oneof(fc.constant(null), fc.constantFrom('BEGIN:VCALENDAR\r\nEND:VCALENDAR', 'BEGIN:VEVENT'), fc.string({ maxLength: 200 })),
        items: fc.oneof(fc.array(fc.record({ screen: fc.string({ maxLength: 20 }), seconds: fc.integer() }), { maxLength: 3 }), fc.anything()),
        title: fc.string({ maxLength: 300 }),
        date: fc.constantFrom('2026-11-22', '2026-13-45', ''),
        limit: fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.anything()),
        __proto__: fc.anything(),
      },
      { requiredKeys: [] },
    ),
  );
  const body = fc.oneof(
    fc.constant(undefined),
    { arbitrary: json.map((value) => ({ type: 'application/json', text: JSON.stringify(value) ?? 'null' })), weight: 4 },
    fc.string({ maxLength: 300 }).map((text) => ({ type: 'application/json', text })),
    fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/xml', 'bogus'), fc.string({ maxLength: 100 })).map(([type, text]) => ({ type, text })),
    { arbitrary: fc.constant({ type: 'application/json', text: `{"badge":"${'9'.repeat(70_000)}"}` }), weight: 1 }, // over the body limit
  );
  const credential = fc.constantFrom<Credential>('none', 'staffToken', 'staffSession', 'staffCookie', 'bridgeToken', 'kioskToken');
  const headers = fc.record(
    {
      authorization: fc.oneof(fc.constantFrom('Bearer ', 'Bearer wrong-token', 'Basic Zm9vOmJhcg==', 'Bearer\u0000'), fc.string({ maxLength: 40 }).map((s) => `Bearer ${s}`)),
      origin: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1', 'not a url'),
      host: fc.constantFrom('evil.example', 'localhost', '[::1]', 'localhost:1'),
      'x-staff-pin': fc.oneof(fc.constantFrom('0000', '1234', STAFF_PIN.slice(0, 3)), fc.string({ maxLength: 8 })),
      accept: fc.constantFrom('*/*', 'text/html', 'application/json'),
    },
    { requiredKeys: [] },
  );

  it('never answers 5xx, keeps serving, and stores nothing for a refused request', async () => {
    const seen = new Map<number, number>();
    let reachedStaff = 0;
    await fc.assert(
      fc.asyncProperty(target, credential, headers, body, async ({ method: verb, path: target }, who, extra, payload) => {
        // A real credential most of the time; the random headers (a wrong token, a foreign Host…) may still override it.
        const printable = { ...credentials[who], ...Object.fromEntries(Object.entries(extra).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v))) };
        const before = stored();
        const withBody = payload && verb !== 'GET' && verb !== 'HEAD';
        const answer = await request(`${gateway.url}${target}`, {
          method: verb,
          headers: { ...printable, ...(withBody ? { 'content-type': payload.type } : {}) },
          body: withBody ? payload.text : undefined,
        });
        await answer.body.dump();
        seen.set(answer.statusCode, (seen.get(answer.statusCode) ?? 0) + 1);
        if (target.startsWith('/api/staff/') && answer.statusCode !== 401 && answer.statusCode !== 403 && answer.statusCode !== 429) reachedStaff += 1;
        expect(answer.statusCode, `${verb} ${target}`).toBeLessThan(500);
        // Wrong staff PINs raise a staff alert (someone is guessing): that row is the point. Pull state (`pulls`) is
        // written by the box's own scheduled pulls from the cloud, in the background. Nothing else may change.
        const { alerts: _alertsAfter, pulls: _pullsAfter, ...after } = stored();
        const { alerts: _alertsBefore, pulls: _pullsBefore, ...expected } = before;
        if (answer.statusCode >= 400) {
          const changed = Object.keys(after).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(expected[key]));
          expect(changed, `${verb} ${target} → ${answer.statusCode} stored something`).toEqual([]);
        }
      }),
      { numRuns: 1_000, seed: Number(process.env.FLOORGATE_FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    // The fuzz reached past the guards, not only into refusals.
    expect([...seen.keys()].some((status) => status < 300)).toBe(true);
    expect(seen.get(400)).toBeGreaterThan(0);
    expect(reachedStaff).toBeGreaterThan(20); // staff routes' own validation ran, not only their guard
  }, 60_000);
});
