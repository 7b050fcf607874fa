/**
 * Issue 12 gap: dead letters could fill the disk until check-ins were refused. A receiver answering 400 to everything
 * dead-letters every event, another is down; with a small webhook quota, dead letters and pending deliveries stay
 * inside it (oldest dead letters shed first, counted), and every check-in is answered. Real gateway, real SQLite
 * file, real receivers on loopback.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { webhookConfigSchema } from '../../gateway/webhooks/config.js';
import { newSecret } from '../../gateway/webhooks/signer.js';
import type { WebhooksStatus } from '../../shared/webhooks.js';
import { postCheckIn, testGateway } from '../support/gateway.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const MB = 1024 * 1024;
const QUOTA_MB = 0.05;
/** Quick tries, no resting circuit: the refusing receiver dead-letters as fast as it can. */
const EAGER = { maxPerSecond: 1000, retry: { baseMs: 1, capMs: 2 }, breaker: { failures: 100_000, halfOpenAfterMs: 100 } };

describe('webhook queues within their quota', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  it('a receiver refusing everything and one that is down: dead letters stay bounded, shed counted, 300 check-ins answered', async () => {
    const secret = newSecret();
    const refusing = new WebhookReceiver([secret]);
    await refusing.start();
    cleanup.push(() => refusing.stop());
    refusing.status = 400;
    const down = new WebhookReceiver([secret]);
    await down.start();
    await down.stop(); // its port now refuses connections
    const hook = (name: string, url: string) => webhookConfigSchema.parse({ name, url, secret, events: ['member.checked_in', 'member.denied'], ...EAGER });
    const gateway: Gateway = await testGateway({}, {
      configure: (c) => {
        c.storage.maxDatabaseMB = 4;
        c.storage.telemetryQuotaMB = 1;
        c.storage.webhookQuotaMB = QUOTA_MB;
        c.checkin.antiPassbackMinutes = 0;
        c.webhooks = [hook('refuses', refusing.url), hook('down', down.url)];
      },
    });
    cleanup.push(() => gateway.close());

    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await postCheckIn(gateway.url, String(1001 + (i % 20)))).status);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const webhooks = async () => (await (await fetch(`${gateway.url}/api/status`)).json()).webhooks as WebhooksStatus;
    const lane = async (name: string) => (await webhooks()).destinations.find((d) => d.name === name)!;
    // Every event the refusing receiver was offered ends dead (after 3 tries) or shed: nothing waits for it any more.
    await vi.waitFor(async () => expect((await lane('refuses')).pending).toBe(0), { timeout: 20_000 });
    expect(refusing.received).toEqual([]);
    expect(refusing.rejected).toEqual([]);

    const refuses = await lane('refuses');
    const downLane = await lane('down');
    // All 300 accounted for on each lane: nothing silently lost.
    expect(refuses.dead + refuses.shed + refuses.delivered + refuses.pending).toBe(300);
    expect(downLane.dead + downLane.shed + downLane.delivered + downLane.pending).toBe(300);
    expect(refuses.dead).toBeGreaterThan(0);
    expect(refuses.shed, 'the oldest dead letters were shed').toBeGreaterThan(0);
    expect(downLane.shed).toBeGreaterThan(0);

    // Bounded: the bodies held on disk (dead and pending, every lane) fit the quota, measured in the SQLite file.
    const held = gateway.store.db
      .prepare("SELECT coalesce(sum(length(CAST(body AS BLOB))), 0) FROM deliveries WHERE state IN ('pending', 'dead')")
      .pluck()
      .get() as number;
    expect(held).toBeLessThanOrEqual(QUOTA_MB * MB);
    expect(held).toBe((await webhooks()).pendingBytes);
    const deadRows = gateway.store.db.prepare("SELECT count(*) FROM deliveries WHERE state = 'dead'").pluck().get() as number;
    expect(deadRows).toBe(refuses.dead);
    expect(deadRows).toBeLessThan(300);

    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toContain(`floorgate_webhook_shed_total{webhook="refuses"} ${refuses.shed}`);
  }, 60_000);
});
