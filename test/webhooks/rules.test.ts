/** The pure rules of webhooks: answers → outcomes, backoff, config validation, facts → events, device changes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../gateway/config/load.js';
import { webhookConfigSchema } from '../../gateway/webhooks/config.js';
import { deviceChanges } from '../../gateway/webhooks/device-watch.js';
import { wants, webhookBody, webhookFactOf } from '../../gateway/webhooks/events.js';
import { backoffMs, classify, CLIENT_ERROR_TRIES, retryAfterMs } from '../../gateway/webhooks/outcome.js';
import { newSecret } from '../../gateway/webhooks/signer.js';
import type { DeviceStatus } from '../../shared/status.js';

const NOW = Date.parse('2026-11-29T12:00:00Z');

describe('answers', () => {
  it('2xx delivers; 410 is dead at once; 408, 429 and 5xx retry; other 4xx die on the third try', () => {
    expect(classify({ status: 204 }, 0, NOW)).toEqual({ kind: 'delivered' });
    expect(classify({ status: 410 }, 0, NOW).kind).toBe('dead');
    for (const status of [408, 429, 500, 502, 503]) expect(classify({ status }, 10, NOW).kind).toBe('retry');
    expect(CLIENT_ERROR_TRIES).toBe(3);
    expect(classify({ status: 400 }, 0, NOW).kind).toBe('retry');
    expect(classify({ status: 404 }, 1, NOW).kind).toBe('retry');
    expect(classify({ status: 422 }, 2, NOW)).toEqual({ kind: 'dead', error: 'HTTP 422' });
    expect(classify({ error: 'ECONNREFUSED' }, 99, NOW)).toEqual({ kind: 'retry', error: 'ECONNREFUSED' });
  });

  it('Retry-After in seconds or as a date pauses (capped at an hour); unreadable falls back to backoff', () => {
    expect(classify({ status: 429, retryAfter: '30' }, 0, NOW)).toMatchObject({ kind: 'pause', untilMs: NOW + 30_000 });
    expect(classify({ status: 503, retryAfter: 'Sun, 29 Nov 2026 12:02:00 GMT' }, 0, NOW)).toMatchObject({ kind: 'pause', untilMs: NOW + 120_000 });
    expect(classify({ status: 429, retryAfter: '86400' }, 0, NOW)).toMatchObject({ untilMs: NOW + 3_600_000 });
    expect(retryAfterMs('soon', NOW)).toBeNull();
    expect(classify({ status: 429, retryAfter: 'soon' }, 0, NOW).kind).toBe('retry');
  });

  it('backoff is full jitter under an exponential ceiling with a cap', () => {
    const options = { baseMs: 1_000, capMs: 60_000 };
    expect(backoffMs(1, options, () => 1)).toBe(1_000);
    expect(backoffMs(4, options, () => 1)).toBe(8_000);
    expect(backoffMs(30, options, () => 1)).toBe(60_000);
    expect(backoffMs(4, options, () => 0.5)).toBe(4_000);
    expect(backoffMs(4, options, () => 0)).toBe(0);
  });
});

describe('config', () => {
  const base = { name: 'front-desk', url: 'https://hooks.example.com/x', secret: newSecret(), events: ['member.denied'] };
  const error = (hook: Record<string, unknown>) => {
    try {
      loadConfig({ env: { FLOORGATE_SIMULATOR: 'off' }, cwd: '/tmp', file: writeTemp({ webhooks: [hook] }) });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('config was accepted');
  };

  it('accepts https and plain http to the local network only, naming the field otherwise', () => {
    expect(webhookConfigSchema.parse(base).maxPerSecond).toBe(10);
    expect(webhookConfigSchema.parse({ ...base, url: 'http://192.168.1.20:1880/floorgate' }).url).toMatch(/^http:/);
    expect(webhookConfigSchema.parse({ ...base, url: 'http://node-red.local/in' }).url).toMatch(/^http:/);
    expect(error({ ...base, url: 'http://hooks.example.com/x' })).toMatch(/webhooks\.0\.url.*https/s);
    expect(error({ ...base, url: 'ftp://192.168.1.2/x' })).toMatch(/webhooks\.0\.url/);
  });

  it('names bad secrets, unknown events, both secret kinds, and duplicate names', () => {
    expect(error({ ...base, secret: 'hunter2' })).toMatch(/webhooks\.0\.secret.*whsec_/s);
    expect(error({ ...base, events: ['member.teleported'] })).toMatch(/webhooks\.0\.events\.0/);
    expect(error({ ...base, secretFile: '/etc/x' })).toMatch(/webhooks\.0\.secretFile/);
    try {
      loadConfig({ env: { FLOORGATE_SIMULATOR: 'off' }, cwd: '/tmp', file: writeTemp({ webhooks: [base, base] }) });
      throw new Error('accepted');
    } catch (e) {
      expect((e as Error).message).toMatch(/webhooks\.1\.name.*another webhook/s);
    }
  });
});

describe('facts → events', () => {
  const checkIn = { memberId: 'm-anna', locationId: 'main', badgeId: '3e9', method: 'badge', decision: 'denied', reason: 'membership_expired', decidedAt: '2026-11-29T12:00:00.000Z', offline: true, source: 'serial:front' };

  it('a denied check-in is member.denied with its code; names follow the destination', () => {
    const fact = webhookFactOf({ type: 'check_in', payload: checkIn })!;
    expect(fact.type).toBe('member.denied');
    const member = { displayName: 'Anna S.', fullName: 'Anna Svensson' };
    const anonymous = JSON.parse(webhookBody(fact, new Date(NOW), member, { memberIds: false, fullNames: false }));
    expect(anonymous).toEqual({
      type: 'member.denied',
      timestamp: '2026-11-29T12:00:00.000Z',
      data: { locationId: 'main', reader: 'serial:front', method: 'badge', decidedAt: checkIn.decidedAt, offline: true, reason: { code: 'membership_expired' }, member: { displayName: 'Anna S.' } },
    });
    const full = JSON.parse(webhookBody(fact, new Date(NOW), member, { memberIds: true, fullNames: true }));
    expect(full.data.member).toEqual({ displayName: 'Anna S.', id: 'm-anna', fullName: 'Anna Svensson' });
  });

  it('routes by event type, location and reader; test events only to their destination; local-only facts are not events', () => {
    const fact = webhookFactOf({ type: 'check_in', payload: { ...checkIn, decision: 'accepted' } })!;
    const rules = (over: object) => ({ name: 'a', events: ['member.checked_in' as const], filters: { locations: [], readers: [] }, ...over });
    expect(wants(rules({}), fact)).toBe(true);
    expect(wants(rules({ events: ['member.denied'] }), fact)).toBe(false);
    expect(wants(rules({ filters: { locations: ['other'], readers: [] } }), fact)).toBe(false);
    expect(wants(rules({ filters: { locations: [], readers: ['serial:front'] } }), fact)).toBe(true);
    expect(wants(rules({ filters: { locations: [], readers: ['kiosk'] } }), fact)).toBe(false);
    const test = webhookFactOf({ type: 'webhook_test', payload: { destination: 'b', locationId: 'main' } })!;
    expect([wants(rules({}), test), wants(rules({ name: 'b' }), test)]).toEqual([false, true]);
    expect(webhookFactOf({ type: 'machine_claim', payload: {} })).toBeNull();
  });
});

describe('device changes', () => {
  const device = (state: DeviceStatus['state']): DeviceStatus => ({ id: 'r1', kind: 'serial', name: 'Reader', state });
  it('announces entering and leaving a problem state, from the first time a device is seen working', () => {
    let seen = new Map<string, boolean>();
    const step = (state: DeviceStatus['state']) => {
      const next = deviceChanges(seen, [device(state)]);
      seen = next.baseline;
      return next.changed.map((c) => c.problem);
    };
    expect(step('disconnected')).toEqual([]); // broken since boot: not watched yet
    expect(step('connecting')).toEqual([]);
    expect(step('ok')).toEqual([]);
    expect(step('error')).toEqual([true]);
    expect(step('disconnected')).toEqual([]);
    expect(step('connecting')).toEqual([]); // reconnecting is not recovered yet
    expect(step('ok')).toEqual([false]);
    expect(step('ok')).toEqual([]);
  });
});

function writeTemp(config: object): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'floorgate-webhook-config-')), 'floorgate.config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}
