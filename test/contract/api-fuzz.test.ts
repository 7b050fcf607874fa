/**
 * Issue 10: random methods, paths (from the OpenAPI document, and mutations of them), headers and bodies at every
 * route of a real gateway. Never a 5xx, the server keeps answering, and a refused request stores nothing.
 */
import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { testGateway } from '../support/gateway.js';

const STAFF_PIN = '4821';

describe('the local API under random input', () => {
  let gateway: Gateway;
  let operations: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    gateway = await testGateway({}, { configure: (config) => (config.staff.pin = STAFF_PIN) });
    const document = (await (await fetch(`${gateway.url}/api/openapi.json`)).json()) as { paths: Record<string, object> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
  });
  afterAll(async () => {
    await gateway?.close();
  });

  /** Row counts of every table: journal facts, the outbox, sessions, strap pairings, settings, alerts, counters… */
  const stored = () => {
    const tables = gateway.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>;
    return Object.fromEntries(tables.map(({ name }) => [name, (gateway.db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
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
        apiKey: fc.string({ maxLength: 20 }),
        equipmentId: fc.string({ maxLength: 140 }),
        equipmentType: fc.constantFrom('rower', 'bike', 'boat'),
        startedAt: fc.constantFrom('2026-11-22T08:00:00Z', 'yesterday', ''),
        endedAt: fc.constantFrom('2026-11-22T08:08:00Z', '2026-11-22T07:00:00Z'),
        summary: fc.oneof(fc.record({ distanceM: fc.double(), durationS: fc.double() }), fc.anything()),
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
    await fc.assert(
      fc.asyncProperty(target, headers, body, async ({ method: verb, path: target }, extra, payload) => {
        const printable = Object.fromEntries(Object.entries(extra).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v)));
        const before = stored();
        const withBody = payload && verb !== 'GET' && verb !== 'HEAD';
        const answer = await request(`${gateway.url}${target}`, {
          method: verb,
          headers: { ...printable, ...(withBody ? { 'content-type': payload.type } : {}) },
          body: withBody ? payload.text : undefined,
        });
        await answer.body.dump();
        seen.set(answer.statusCode, (seen.get(answer.statusCode) ?? 0) + 1);
        expect(answer.statusCode, `${verb} ${target}`).toBeLessThan(500);
        // Wrong staff PINs raise a staff alert (someone is guessing): that row is the point, nothing else may change.
        const { alerts: _alertsAfter, ...after } = stored();
        const { alerts: _alertsBefore, ...expected } = before;
        if (answer.statusCode >= 400) expect(after, `${verb} ${target} → ${answer.statusCode} stored something`).toEqual(expected);
      }),
      { numRuns: 400, seed: Number(process.env.FLOORGATE_FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    // The fuzz reached past the guards, not only into refusals.
    expect([...seen.keys()].some((status) => status < 300)).toBe(true);
    expect(seen.get(400)).toBeGreaterThan(0);
  }, 60_000);
});
