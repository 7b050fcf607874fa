/**
 * Webhook destinations managed at the staff console, against a real gateway, its SQLite file and real receivers on
 * loopback verifying with the public `standardwebhooks` package: added (secret shown once), edited, rotated (either
 * secret verifies), paused and resumed (in order), dead letters discarded, deleted; the config file's destinations
 * read-only; staff credentials required.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import type { FloorgateConfig } from '../../gateway/config/schema.js';
import { createLogger } from '../../gateway/log.js';
import { webhookConfigSchema } from '../../gateway/webhooks/config.js';
import { newSecret } from '../../gateway/webhooks/signer.js';
import type { WebhookDestinationStatus, WebhooksStatus } from '../../shared/webhooks.js';
import { postCheckIn, tempDataDir, testGateway } from '../support/gateway.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const FAST = { retry: { baseMs: 20, capMs: 200 }, breaker: { failures: 50, halfOpenAfterMs: 200 } };

async function staffCall(gateway: Gateway, method: string, route: string, body?: unknown, auth = true) {
  const response = await fetch(`${gateway.url}${route}`, {
    method,
    headers: { ...(auth ? { authorization: `Bearer ${gateway.staffToken}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, text: await response.clone().text(), body: (await response.json()) as any };
}

const destination = async (gateway: Gateway, name: string) =>
  ((await staffCall(gateway, 'GET', '/api/webhooks')).body as WebhooksStatus).destinations.find((d) => d.name === name) as WebhookDestinationStatus | undefined;

const staffActions = (gateway: Gateway) =>
  (gateway.store.db.prepare("SELECT payload FROM journal WHERE type = 'staff_action' ORDER BY seq").pluck().all() as string[]).map((p) => JSON.parse(p));

describe('webhook destinations from the staff console', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });
  const receiver = async (secrets: string[] = []) => {
    const r = new WebhookReceiver(secrets);
    await r.start();
    cleanup.push(() => r.stop());
    return r;
  };
  const logLines: string[] = [];
  const gatewayWith = async (options: { dataDir?: string; configure?: (config: FloorgateConfig) => void } = {}) => {
    const sink = new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) });
    const gateway = await testGateway({}, { ...options, log: createLogger('debug', sink) });
    cleanup.push(() => gateway.close());
    return gateway;
  };

  it('an added destination runs at once, signed with a secret shown once and never again (not in answers, rows or logs)', async () => {
    const r = await receiver();
    const dataDir = tempDataDir();
    const gateway = await gatewayWith({ dataDir });
    const added = await staffCall(gateway, 'POST', '/api/webhooks', { name: 'door-sign', url: r.url, events: ['member.checked_in'], by: 'Ana' });
    expect(added.status).toBe(201);
    const secret = added.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(added.body.destination).toMatchObject({ name: 'door-sign', origin: 'console', paused: false, secrets: 1, events: ['member.checked_in'] });
    r.trust(secret); // the gym copies it into its receiver

    const checkIn = await postCheckIn(gateway.url, '1001');
    const test = await staffCall(gateway, 'POST', '/api/webhooks/door-sign/test');
    await r.until(() => r.received.length === 2);
    expect(r.ids).toEqual([checkIn.body.eventId, test.body.eventId]);
    expect(r.rejected).toEqual([]);

    // Stored 0600 under <dataDir>/webhooks/; nowhere else.
    const file = path.join(dataDir, 'webhooks', 'door-sign.secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await staffCall(gateway, 'GET', '/api/webhooks')).text).not.toContain(secret);
    expect(await (await fetch(`${gateway.url}/api/status`)).text()).not.toContain(secret);
    const rows = JSON.stringify(gateway.store.db.prepare('SELECT * FROM webhook_destinations').all());
    expect(rows).toContain('door-sign');
    expect(rows).not.toContain(secret.slice(6, 30));
    expect(JSON.stringify(staffActions(gateway))).not.toContain(secret.slice(6, 30));
    expect(logLines.join('')).not.toContain(secret.slice(6, 30));
    expect(staffActions(gateway)).toContainEqual(expect.objectContaining({ action: 'add_webhook', name: 'door-sign', by: 'Ana', events: ['member.checked_in'] }));

    // A second add of the same name is refused, and says why.
    const again = await staffCall(gateway, 'POST', '/api/webhooks', { name: 'door-sign', url: r.url, events: ['test'] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('webhook_exists');
  });

  it('refuses a bad field with a 400 naming it, by the config file’s own rules (https, or http only to the LAN)', async () => {
    const gateway = await gatewayWith();
    const add = (body: Record<string, unknown>) => staffCall(gateway, 'POST', '/api/webhooks', { name: 'crm', url: 'https://hooks.example.com/x', events: ['test'], ...body });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: 'http://hooks.example.com/x' }, 'url must be https:// (plain http:// only to a host on the local network)'],
      [{ url: 'ftp://192.168.1.4/x' }, 'url must be an https:// URL'],
      [{ events: [] }, 'events name at least one event type'],
      [{ events: ['member.exploded'] }, 'events.0'],
      [{ name: 'Front Desk!' }, 'name lowercase letters, digits, _ and - (at most 40)'],
      [{ maxPerSecond: 0 }, 'maxPerSecond'],
    ];
    for (const [body, message] of cases) {
      const answer = await add(body);
      expect(answer.status, message).toBe(400);
      expect(answer.body.error.message).toContain(message);
    }
    expect((await staffCall(gateway, 'GET', '/api/webhooks')).body.destinations).toEqual([]);
    expect(readdirSync(path.join(gateway.config.dataDir)).includes('webhooks')).toBe(false); // no secret made for a refused add
  });

  it('an edit applies at once (the lane restarts with the new events and URL); delete stops it and takes its secret', async () => {
    const first = await receiver();
    const second = await receiver();
    const dataDir = tempDataDir();
    const gateway = await gatewayWith({ dataDir });
    const { body } = await staffCall(gateway, 'POST', '/api/webhooks', { name: 'crm', url: first.url, events: ['member.denied'], ...FAST });
    first.trust(body.secret);
    second.trust(body.secret);
    await postCheckIn(gateway.url, '1001'); // accepted: not wanted yet
    const edited = await staffCall(gateway, 'PUT', '/api/webhooks/crm', { url: second.url, events: ['member.checked_in'], include: { memberIds: true }, maxPerSecond: 5 });
    expect(edited.status).toBe(200);
    expect(edited.body.destination).toMatchObject({ events: ['member.checked_in'], include: { memberIds: true, fullNames: false }, maxPerSecond: 5 });
    const checkIn = await postCheckIn(gateway.url, '1002');
    await second.until(() => second.received.length === 1);
    expect(second.ids).toEqual([checkIn.body.eventId]);
    expect(second.received[0]!.body.data.member).toMatchObject({ displayName: 'Erik L.', id: 'm-erik' });
    expect(first.requests).toBe(0);

    const bad = await staffCall(gateway, 'PUT', '/api/webhooks/crm', { url: 'http://hooks.example.com/x', events: ['test'] });
    expect([bad.status, bad.body.error.message]).toEqual([400, 'url must be https:// (plain http:// only to a host on the local network)']);

    const removed = await staffCall(gateway, 'DELETE', '/api/webhooks/crm?by=Ana');
    expect(removed.status).toBe(200);
    expect(removed.body.removed).toBe('crm');
    expect(await destination(gateway, 'crm')).toBeUndefined();
    expect(readdirSync(path.join(dataDir, 'webhooks'))).toEqual([]);
    await postCheckIn(gateway.url, '1003');
    expect(gateway.store.db.prepare("SELECT count(*) FROM deliveries WHERE lane = 'webhook:crm'").pluck().get()).toBe(0);
    expect(staffActions(gateway).map((a) => a.action)).toEqual(['add_webhook', 'edit_webhook', 'remove_webhook']);
    expect((await staffCall(gateway, 'DELETE', '/api/webhooks/crm')).status).toBe(404);
  });

  it('a rotated secret: every request verifies with the new secret and with the old one, and the new one is shown once', async () => {
    const r = await receiver();
    const gateway = await gatewayWith();
    const { body } = await staffCall(gateway, 'POST', '/api/webhooks', { name: 'signage', url: r.url, events: ['test'] });
    const old = body.secret as string;
    r.trust(old);
    const rotated = await staffCall(gateway, 'POST', '/api/webhooks/signage/rotate-secret', { by: 'Ana' });
    expect(rotated.status).toBe(200);
    const current = rotated.body.secret as string;
    expect(current).not.toBe(old);
    expect(rotated.body.destination.secrets).toBe(2);
    expect((await staffCall(gateway, 'GET', '/api/webhooks')).text).not.toContain(current);
    const test = await staffCall(gateway, 'POST', '/api/webhooks/signage/test');
    await r.until(() => r.received.length === 1);
    const [received] = r.received;
    expect(received!.id).toBe(test.body.eventId);
    for (const secret of [old, current]) expect(() => new Webhook(secret).verify(received!.raw, received!.headers)).not.toThrow();
    expect(() => new Webhook(newSecret()).verify(received!.raw, received!.headers)).toThrow();
    expect(staffActions(gateway).map((a) => a.action)).toEqual(['add_webhook', 'rotate_webhook_secret']);
  });

  it('paused: the queue fills (in the disk budget) and nothing is sent; resumed: everything arrives in order', async () => {
    const held = await receiver();
    const beside = await receiver();
    const gateway = await gatewayWith();
    for (const [name, r] of [['held', held], ['beside', beside]] as const) {
      const { body } = await staffCall(gateway, 'POST', '/api/webhooks', { name, url: r.url, events: ['member.checked_in', 'member.denied'] });
      r.trust(body.secret);
    }
    const paused = await staffCall(gateway, 'POST', '/api/webhooks/held/pause', { by: 'Ana' });
    expect(paused.body.destination).toMatchObject({ paused: true, health: 'paused' });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await postCheckIn(gateway.url, String(1001 + i))).body.eventId);
    await beside.until(() => beside.received.length === 6); // the unpaused one had all of them: the paused one had its chance
    expect(held.requests).toBe(0);
    const status = (await staffCall(gateway, 'GET', '/api/webhooks')).body as WebhooksStatus;
    expect(status.destinations.find((d) => d.name === 'held')).toMatchObject({ paused: true, health: 'paused', pending: 6, nextAttemptAt: null });
    expect(status.pendingBytes).toBeGreaterThan(0);

    const resumed = await staffCall(gateway, 'POST', '/api/webhooks/held/resume', {});
    expect(resumed.body.destination.paused).toBe(false);
    await held.until(() => held.received.length === 6);
    expect(held.ids).toEqual(ids);
    expect(held.rejected).toEqual([]);
    expect(staffActions(gateway).map((a) => a.action)).toEqual(['add_webhook', 'add_webhook', 'pause_webhook', 'resume_webhook']);
  });

  it('the config file’s destinations are read-only (edit, delete, rotate refused with the reason) but pause, resume and discard', async () => {
    const secret = newSecret();
    const r = await receiver([secret]);
    r.status = 410; // Gone: dead-lettered at once
    const gateway = await gatewayWith({ configure: (config) => (config.webhooks = [webhookConfigSchema.parse({ name: 'front-desk', url: r.url, secret, events: ['member.checked_in'], ...FAST })]) });
    expect((await destination(gateway, 'front-desk'))?.origin).toBe('file');
    for (const [method, route, body] of [
      ['PUT', '/api/webhooks/front-desk', { url: r.url, events: ['test'] }],
      ['DELETE', '/api/webhooks/front-desk', undefined],
      ['POST', '/api/webhooks/front-desk/rotate-secret', {}],
    ] as const) {
      const refused = await staffCall(gateway, method, route, body);
      expect(refused.status, route).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'file_content' });
      expect(refused.body.error.message).toContain('is from the config file');
    }
    const a = await postCheckIn(gateway.url, '1001');
    const b = await postCheckIn(gateway.url, '1002');
    await vi.waitFor(async () => expect((await destination(gateway, 'front-desk'))?.dead).toBe(2));
    const one = await staffCall(gateway, 'POST', '/api/webhooks/front-desk/discard', { eventIds: [a.body.eventId], by: 'Ana' });
    expect(one.body.discarded).toBe(1);
    expect((await staffCall(gateway, 'GET', '/api/webhooks/front-desk/dead-letters')).body.deadLetters.map((d: { eventId: string }) => d.eventId)).toEqual([b.body.eventId]);
    const all = await staffCall(gateway, 'POST', '/api/webhooks/front-desk/discard', { eventIds: 'all' });
    expect(all.body.discarded).toBe(1);
    expect(await destination(gateway, 'front-desk')).toMatchObject({ dead: 0, discarded: 2, pending: 0 });
    expect((await staffCall(gateway, 'POST', '/api/webhooks/front-desk/pause', {})).status).toBe(200);
    expect(staffActions(gateway).map((a) => a.action)).toEqual(['discard_webhook_dead_letters', 'discard_webhook_dead_letters', 'pause_webhook']);
    expect((await staffCall(gateway, 'POST', '/api/webhooks/nobody/discard', { eventIds: 'all' })).status).toBe(404);
  });

  it('a console destination, its secret and its pause survive a restart (stored in SQLite and <dataDir>/webhooks/)', async () => {
    const r = await receiver();
    const dataDir = tempDataDir();
    const before = await testGateway({}, { dataDir });
    const { body } = await staffCall(before, 'POST', '/api/webhooks', { name: 'crm', url: r.url, events: ['member.checked_in'] });
    r.trust(body.secret);
    await staffCall(before, 'POST', '/api/webhooks/crm/pause', {});
    const waiting = await postCheckIn(before.url, '1001');
    await before.close();

    const after = await gatewayWith({ dataDir });
    expect(await destination(after, 'crm')).toMatchObject({ origin: 'console', paused: true, pending: 1 });
    await staffCall(after, 'POST', '/api/webhooks/crm/resume', {});
    await r.until(() => r.received.length === 1);
    expect(r.ids).toEqual([waiting.body.eventId]);
    expect(r.rejected).toEqual([]);
  });

  it('every change needs staff credentials', async () => {
    const r = await receiver();
    const gateway = await gatewayWith();
    const { body } = await staffCall(gateway, 'POST', '/api/webhooks', { name: 'crm', url: r.url, events: ['test'] });
    for (const [method, route, payload] of [
      ['POST', '/api/webhooks', { name: 'sneaky', url: r.url, events: ['test'] }],
      ['PUT', '/api/webhooks/crm', { url: r.url, events: ['member.checked_in'] }],
      ['DELETE', '/api/webhooks/crm', undefined],
      ['POST', '/api/webhooks/crm/rotate-secret', {}],
      ['POST', '/api/webhooks/crm/pause', {}],
      ['POST', '/api/webhooks/crm/resume', {}],
      ['POST', '/api/webhooks/crm/discard', { eventIds: 'all' }],
    ] as const) {
      const refused = await staffCall(gateway, method, route, payload, false);
      expect(refused.status, `${method} ${route}`).toBe(401);
      expect(refused.text).not.toContain('whsec_');
    }
    expect((await destination(gateway, 'crm'))).toMatchObject({ events: ['test'], paused: false, secrets: 1 });
    expect(readFileSync(path.join(gateway.config.dataDir, 'webhooks', 'crm.secret'), 'utf8').trim()).toBe(body.secret);
    expect(staffActions(gateway).map((a) => a.action)).toEqual(['add_webhook']);
  });
});
