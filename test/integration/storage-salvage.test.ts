/**
 * Issue 10, storage rows: "Quarantine leaves the data behind" and "floorgate.db and its WAL are 0644
 * in a 0755 directory". Written as the accidents: pages of a real database overwritten by a failing
 * disk, a file that is garbage, a box that keeps hitting corruption, an old install with open modes.
 * Real gateway, real SQLite files.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { postCheckIn, tempDataDir, testGateway } from '../support/gateway.js';
import type { FloorgateConfig } from '../../gateway/config/schema.js';
import { webhookConfigSchema } from '../../gateway/webhooks/config.js';
import { newSecret } from '../../gateway/webhooks/signer.js';
import type { WebhooksStatus } from '../../shared/webhooks.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const mode = (file: string) => statSync(file).mode & 0o777;

/**
 * A failing disk: three leaf pages of the journal in the middle of the file turn to noise. Closes `db` first;
 * returns how many journal rows those pages held.
 */
function damageJournalPages(db: Database.Database, file: string): number {
  const leaves = db.prepare("SELECT pageno, ncell FROM dbstat WHERE name = 'journal' AND pagetype = 'leaf' ORDER BY pageno").all() as Array<{ pageno: number; ncell: number }>;
  const damaged = leaves.slice(Math.floor(leaves.length / 3), Math.floor(leaves.length / 3) + 3);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  for (const { pageno } of damaged) writeSync(fd, randomBytes(pageSize), 0, pageSize, (pageno - 1) * pageSize);
  closeSync(fd);
  return damaged.reduce((n, page) => n + page.ncell, 0);
}

describe('a corrupted database: quarantined, and what can be read is saved', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('pages overwritten in a real file: unsent check-ins, the roster and the anti-passback memory carry over with their eventIds', async () => {
    const dataDir = tempDataDir();
    gateway = await testGateway({}, { dataDir, configure: (c) => (c.checkin.antiPassbackMinutes = 0) });
    // 700 check-ins the cloud never got (no cloud configured), then Anna at the door just now.
    for (let i = 0; i < 700; i++) gateway.checkIns.decideAndCommit({ badge: String(1010 + (i % 20)), method: 'badge', source: 'test' });
    await gateway.close();
    gateway = await testGateway({}, { dataDir, configure: (c) => (c.checkin.antiPassbackMinutes = 5) });
    expect((await postCheckIn(gateway.url, '1001')).body.decision).toBe('accepted');
    await gateway.close();
    gateway = null;

    const file = path.join(dataDir, 'floorgate.db');
    const before = new Database(file);
    before.pragma('wal_checkpoint(TRUNCATE)');
    const original = new Map(
      (before.prepare("SELECT event_id, payload FROM journal WHERE type = 'check_in'").all() as Array<{ event_id: string; payload: string }>).map((r) => [
        r.event_id,
        r.payload,
      ]),
    );
    const members = before.prepare('SELECT count(*) FROM members').pluck().get() as number;
    const lost = damageJournalPages(before, file);
    expect(lost).toBeGreaterThan(0);
    expect(original.size).toBe(701);

    gateway = await testGateway({}, { dataDir, configure: (c) => (c.checkin.antiPassbackMinutes = 5) });

    const alert = gateway.status().alerts.find((a) => a.code === 'database_quarantined');
    expect(alert?.message).toContain(`Saved ${original.size - lost} event(s) (${original.size - lost} still to send, with their eventIds)`);
    expect(alert?.message).toContain(`and ${members} member(s)`);
    expect(alert?.message).toContain(`${lost} row(s) could not be read`);
    // Same eventIds and payloads: the resend is deduplicated by the cloud.
    const carried = gateway.db.prepare('SELECT event_id, payload FROM journal').all() as Array<{ event_id: string; payload: string }>;
    expect(carried).toHaveLength(original.size - lost);
    for (const row of carried) expect(original.get(row.event_id)).toBe(row.payload);
    expect(gateway.status().queue.byType.check_in?.depth).toBe(original.size - lost);
    // The roster came along (no demo re-seed needed), and Anna is still inside: anti-passback holds.
    expect(gateway.status().roster.members).toBe(members);
    const again = await postCheckIn(gateway.url, '1001');
    expect(again.body).toMatchObject({ decision: 'denied', reason: { code: 'anti_passback' } });
    // The quarantined file is kept, private, for whoever investigates.
    const kept = readdirSync(dataDir).filter((f) => /^floorgate\.db\.corrupt-[^-]+.*\d+Z$/.test(f));
    expect(kept).toHaveLength(1);
    expect(mode(path.join(dataDir, kept[0]!))).toBe(0o600);
  }, 60_000);

  it('webhooks survive it: pending deliveries go out again with their eventIds, console destinations and pauses are kept', async () => {
    const dataDir = tempDataDir();
    const fileSecret = newSecret();
    const receiver = new WebhookReceiver([fileSecret]);
    await receiver.start();
    await receiver.stop(); // down while the box queues: everything stays pending
    const frontDesk = webhookConfigSchema.parse({
      name: 'front-desk', url: receiver.url, secret: fileSecret, events: ['member.checked_in', 'door.opened'],
      maxPerSecond: 1000, retry: { baseMs: 20, capMs: 200 }, breaker: { failures: 50, halfOpenAfterMs: 200 },
    });
    const configure = (c: FloorgateConfig) => ((c.checkin.antiPassbackMinutes = 0), (c.webhooks = [frontDesk]));
    gateway = await testGateway({}, { dataDir, configure });
    const staff = (route: string, body: unknown) =>
      fetch(`${gateway!.url}${route}`, { method: 'POST', headers: { authorization: `Bearer ${gateway!.staffToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>);
    const added = await staff('/api/webhooks', { name: 'slack', url: receiver.url, events: ['member.checked_in'] });
    expect(added.secret).toMatch(/^whsec_/);
    await staff('/api/webhooks/slack/pause', {});
    // A fact kept on the box only (no outbox row), wanted by a webhook: its journal row must come along.
    gateway.store.journal.append({
      type: 'door_opened', occurredAt: new Date(),
      payload: { doorId: 'door-1', doorName: 'Front door', locationId: 'main', checkInEventId: null, reader: 'kiosk', memberId: null, openSeconds: 4, outcome: 'opened', latencyMs: 12, at: new Date().toISOString() },
    });
    for (let i = 0; i < 700; i++) gateway.checkIns.decideAndCommit({ badge: String(1010 + (i % 20)), method: 'badge', source: 'test' });
    await gateway.close();
    gateway = null;

    const file = path.join(dataDir, 'floorgate.db');
    const before = new Database(file);
    before.pragma('wal_checkpoint(TRUNCATE)');
    const pendingIds = (lane: string) => before.prepare("SELECT event_id FROM deliveries WHERE lane = ? AND state = 'pending' ORDER BY seq").pluck().all(lane) as string[];
    const frontDeskIds = pendingIds('webhook:front-desk');
    const slackIds = pendingIds('webhook:slack');
    expect(frontDeskIds).toHaveLength(701);
    expect(slackIds).toHaveLength(700);
    const lostJournalRows = damageJournalPages(before, file);

    receiver.trust(added.secret);
    await receiver.start(); // back, on the same port
    gateway = await testGateway({}, { dataDir, configure });
    const carried = new Set(gateway.db.prepare('SELECT event_id FROM journal').pluck().all() as string[]);
    const expectFrontDesk = frontDeskIds.filter((id) => carried.has(id));
    const expectSlack = slackIds.filter((id) => carried.has(id));
    expect(expectFrontDesk.length).toBeLessThan(frontDeskIds.length); // the damage did reach some of them
    const orphaned = frontDeskIds.length - expectFrontDesk.length + slackIds.length - expectSlack.length;

    const alert = gateway.status().alerts.find((a) => a.code === 'database_quarantined');
    expect(alert?.message).toContain(`, ${expectFrontDesk.length + expectSlack.length} webhook delivery(ies) still to send`);
    expect(alert?.message).toContain('1 webhook destination(s) made at the console');
    expect(alert?.message).toContain(`${lostJournalRows + orphaned} row(s) could not be read`);

    // The file's destination sends everything that survived, in order, with the same webhook-ids.
    await receiver.until(() => receiver.received.length === expectFrontDesk.length);
    expect(receiver.ids).toEqual(expectFrontDesk);
    expect(receiver.received[0]!.type).toBe('door.opened');
    expect(receiver.rejected).toEqual([]);
    // The console's destination is back, still paused, its queue kept.
    const status = (await (await fetch(`${gateway.url}/api/webhooks`, { headers: { authorization: `Bearer ${gateway.staffToken}` } })).json()) as WebhooksStatus;
    expect(status.destinations.find((d) => d.name === 'slack')).toMatchObject({ origin: 'console', paused: true, pending: expectSlack.length });
    await receiver.stop();
  }, 60_000);

  it('a file that is garbage throughout: a fresh start, and the alert says nothing could be read', async () => {
    const dataDir = tempDataDir();
    writeFileSync(path.join(dataDir, 'floorgate.db'), randomBytes(256 * 1024));
    gateway = await testGateway({}, { dataDir });
    const alert = gateway.status().alerts.find((a) => a.code === 'database_quarantined');
    expect(alert?.message).toMatch(/Nothing could be read from the old file .*unsent events in it are lost/);
    expect((await postCheckIn(gateway.url, '1001')).body).toMatchObject({ decision: 'accepted' });
  });

  it('a box that keeps hitting corruption keeps only the newest two quarantined files', async () => {
    const dataDir = tempDataDir();
    const stamps: string[] = [];
    for (let start = 0; start < 4; start++) {
      writeFileSync(path.join(dataDir, 'floorgate.db'), randomBytes(64 * 1024));
      gateway = await testGateway({}, { dataDir });
      stamps.push(/moved to (\S+);/.exec(gateway.status().alerts.find((a) => a.code === 'database_quarantined')!.message)![1]!);
      await gateway.close();
      gateway = null;
    }
    const kept = readdirSync(dataDir).filter((f) => f.startsWith('floorgate.db.corrupt-'));
    expect(kept.map((f) => path.join(dataDir, f)).sort()).toEqual(stamps.slice(-2).sort());
  });
});

describe('database files are private to the gateway', () => {
  let gateway: Gateway | null = null;
  afterEach(async () => {
    await gateway?.close();
    gateway = null;
  });

  it('a fresh box: data directory 0700, floorgate.db and its WAL 0600', async () => {
    const dataDir = path.join(tempDataDir(), 'data');
    gateway = await testGateway({}, { dataDir });
    expect((await postCheckIn(gateway.url, '1001')).status).toBe(200);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'floorgate.db'))).toBe(0o600);
    expect(existsSync(path.join(dataDir, 'floorgate.db-wal'))).toBe(true);
    expect(mode(path.join(dataDir, 'floorgate.db-wal'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'floorgate.db-shm'))).toBe(0o600);
  });

  it('an old install with 0644 files in a 0755 directory is closed at start', async () => {
    const dataDir = tempDataDir();
    gateway = await testGateway({}, { dataDir });
    await gateway.close();
    gateway = null;
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, 'floorgate.db'), 0o644);
    gateway = await testGateway({}, { dataDir });
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'floorgate.db'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'floorgate.db-wal'))).toBe(0o600);
  });
});
