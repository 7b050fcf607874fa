/**
 * A session heard from another box counts on this box's boards and records, but the achievement fact (and its
 * webhook) belongs to the box that captured it; nothing heard is journaled here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import type { AchievementsState } from '../../shared/achievements.js';
import type { EquipmentSession } from '../../shared/sessions.js';
import { testGateway } from '../support/gateway.js';

let gateway: Gateway | null = null;
afterEach(async () => {
  await gateway?.close();
  gateway = null;
});

const session = (eventId: string, distanceM: number): EquipmentSession => ({
  eventId,
  equipmentId: 'rower-7',
  equipmentName: 'Rower 7',
  equipmentType: 'rower',
  memberId: 'm-erik',
  startedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
  endedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
  summary: { distanceM, durationS: 600, avgPowerW: 180, maxPowerW: null, avgPaceSecPer500m: 150, avgSpeedMps: null, avgStrokeRateSpm: null, avgCadenceRpm: null, energyKcal: null, avgHeartRateBpm: null, maxHeartRateBpm: null },
});

describe('sessions heard from the floor', () => {
  it('move records and boards here, but only a local session tells the achievement on', async () => {
    gateway = await testGateway();
    const told: string[] = [];
    gateway.floor.on('achievement', (a) => told.push(a.title));
    const achievements = async () => ((await (await fetch(`${gateway!.url}/api/achievements`)).json()) as AchievementsState).items.map((i) => [i.displayName, i.title]);
    const journaled = gateway.store.journal.count();

    gateway.floor.emit('session', session('remote-1', 2000), 'floor');
    gateway.floor.emit('session', session('remote-2', 2600), 'floor');
    await vi.waitFor(async () => expect(await achievements()).toContainEqual(['Erik L.', 'Longest row']));
    expect(told).toEqual([]);
    expect(gateway.store.journal.count()).toBe(journaled);

    gateway.floor.emit('session', session('local-1', 3200)); // captured here: origin local by default
    expect(told).toContain('Longest row');
  });
});
