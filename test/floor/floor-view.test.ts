/** The floor in words, and who counts as reachable: pure, clocked by the test. */
import { describe, expect, it } from 'vitest';
import type { BoxPresence } from '../../shared/floor.js';
import { FloorPeers, standaloneFloorView } from '../../gateway/floor/view.js';

const at = (hhmm: string) => new Date(`2026-11-29T${hhmm}:00Z`);
const presence = (boxId: string, name: string, online: boolean, since: string): BoxPresence => ({ boxId, name, online, since, version: '0.1.0' });
const self = { boxId: 'entrance', boxName: 'Entrance', timezone: 'Europe/Stockholm' };
const machines = new Map([['entrance', 4], ['upstairs', 12]]);

function joined(now = at('11:00')) {
  const peers = new FloorPeers(self, now);
  peers.brokerIs('connected', now);
  peers.presence(presence('upstairs', 'Upstairs', true, at('10:59').toISOString()), now);
  peers.presence(presence('side', 'Side door', true, at('10:58').toISOString()), now);
  return peers;
}

describe('the floor view', () => {
  it('a box on its own says so', () => {
    expect(standaloneFloorView('box1', 'Front', 3)).toMatchObject({ enabled: false, broker: 'none', summary: 'one box — no floor broker configured' });
  });

  it('lists itself first, then the others by id, with their machines', () => {
    const view = joined().view(machines, 0);
    expect(view.boxes.map((b) => [b.name, b.self, b.reachable, b.machines])).toEqual([
      ['Entrance', true, true, 4],
      ['Side door', false, true, 0],
      ['Upstairs', false, true, 12],
    ]);
    expect(view.summary).toBe('3 boxes, all reachable');
  });

  it("a box's last will: unreachable since it arrived, in the gym's time, each door alone", () => {
    const peers = joined();
    expect(peers.presence(presence('upstairs', 'Upstairs', false, at('10:59').toISOString()), at('11:03'))).toEqual({ went: 'offline' });
    const view = peers.view(machines, 0);
    expect(view.boxes.find((b) => b.boxId === 'upstairs')).toMatchObject({ reachable: false, since: '2026-11-29T11:03:00.000Z' });
    expect(view.summary).toBe('3 boxes; Upstairs unreachable since 12:03 — each door decides alone');
    expect(peers.partitioned()).toBe(true);
  });

  it('the broker lost: every other box unreachable since then, and what is waiting to be told', () => {
    const peers = joined();
    expect(peers.brokerIs('unreachable', at('11:10'))).toBe(true);
    expect(peers.brokerIs('connecting', at('11:11'))).toBe(false); // still a partition while it retries
    const view = peers.view(machines, 7);
    expect(view.broker).toBe('unreachable');
    expect(view.boxes.filter((b) => !b.self).map((b) => [b.reachable, b.since])).toEqual([
      [false, '2026-11-29T11:10:00.000Z'],
      [false, '2026-11-29T11:10:00.000Z'],
    ]);
    expect(view.summary).toBe('3 boxes; floor broker unreachable since 12:10 — each door decides alone (7 to tell the floor)');
  });

  it('a box that rejoins with a new session needs the facts told since this box lost sight of it', () => {
    const peers = joined();
    peers.brokerIs('unreachable', at('11:10'));
    peers.brokerIs('connected', at('11:12'));
    // Its retained presence from before (same session): nothing to tell again.
    expect(peers.presence(presence('side', 'Side door', true, at('10:58').toISOString()), at('11:12'))).toEqual({ went: null });
    // A new session: it may have missed what was told while it was away.
    expect(peers.presence(presence('upstairs', 'Upstairs', true, at('11:12').toISOString()), at('11:12'))).toEqual({ went: null, replaySince: at('11:10') });
    // A box never seen before: the caller picks the window.
    expect(peers.presence(presence('cardio', 'Cardio', true, at('11:12').toISOString()), at('11:12'))).toEqual({ went: 'online', replaySince: null });
  });

  it('after a broker restart, a box whose presence never came back is taken as gone after the grace', () => {
    const peers = joined();
    peers.brokerIs('unreachable', at('11:10'));
    peers.brokerIs('connected', at('11:12'));
    peers.presence(presence('side', 'Side door', true, at('11:12').toISOString()), at('11:12'));
    expect(peers.expireUnheard(new Date(at('11:12').getTime() + 4_000), 5_000)).toEqual([]);
    expect(peers.expireUnheard(new Date(at('11:12').getTime() + 5_000), 5_000)).toEqual(['upstairs']);
    expect(peers.view(machines, 0).summary).toBe('3 boxes; Upstairs unreachable since 12:10 — each door decides alone');
    expect(peers.expireUnheard(new Date(at('11:12').getTime() + 6_000), 5_000)).toEqual([]);
  });

  it('a presence that arrives with the subscription, just before it is acknowledged, counts as heard on that connection', () => {
    const started = at('11:00');
    const peers = new FloorPeers(self, started);
    // The retained presences come a few ms before the subscription's acknowledgement sets "connected".
    peers.presence(presence('upstairs', 'Upstairs', true, at('10:59').toISOString()), new Date(started.getTime() + 40));
    peers.brokerIs('connected', new Date(started.getTime() + 45));
    expect(peers.expireUnheard(new Date(started.getTime() + 10_000), 5_000)).toEqual([]);
    expect(peers.view(machines, 0).boxes.find((b) => b.boxId === 'upstairs')?.reachable).toBe(true);
  });
});

describe('the partition alert for staff', () => {
  it('is raised after 30 s of a split floor, in words without the pending count, and resolves itself', async () => {
    const { PartitionAlert } = await import('../../gateway/floor/partition-alert.js');
    const calls: string[] = [];
    const alert = new PartitionAlert({ raise: (code, m) => calls.push(`raise ${code}: ${m}`), resolve: (code) => calls.push(`resolve ${code}`) }, 'Europe/Stockholm');
    const peers = joined();
    peers.brokerIs('unreachable', at('11:10'));
    alert.update(peers.view(machines, 3), at('11:10'));
    alert.update(peers.view(machines, 9), new Date(at('11:10').getTime() + 29_000));
    expect(calls).toEqual([]); // a broker restart is not worth a staff alert
    alert.update(peers.view(machines, 12), new Date(at('11:10').getTime() + 30_000));
    alert.update(peers.view(machines, 15), new Date(at('11:10').getTime() + 31_000));
    peers.brokerIs('connected', at('11:12'));
    alert.update(peers.view(machines, 0), at('11:12'));
    expect(calls).toEqual([
      'raise floor_partition: 3 boxes; floor broker unreachable since 12:10 — each door decides alone',
      'resolve floor_partition',
    ]);
  });
});
