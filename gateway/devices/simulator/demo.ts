import type { FloorgateConfig } from '../../config/schema.js';
import type { Member } from '../../members/member.js';
import { memberSchema } from '../../members/member-schema.js';
import type { RosterStore } from '../../members/roster-store.js';
import type { Clock } from '../../time/clock.js';
import { localTime } from '../../time/local-time.js';
import { demoWod } from '../../wods/demo-wods.js';
import type { WodStore } from '../../wods/wod-store.js';
import demoRoster from './demo-roster.json' with { type: 'json' };
import { Simulator } from './simulator.js';

export const demoMembers = demoRoster.members as Member[];

/** Loads the demo members and a week of demo WODs, without overwriting anything real. */
export function seedDemoData(config: FloorgateConfig, roster: RosterStore, wods: WodStore, clock: Clock): void {
  if (roster.count() === 0) roster.upsert((demoRoster.members as unknown[]).map((m) => memberSchema.parse(m)), clock.now());
  for (let day = 0; day < 7; day++) {
    const date = localTime(new Date(clock.now().getTime() + day * 86_400_000), config.location.timezone).date;
    if (!wods.get(config.location.id, date)) wods.put(config.location.id, demoWod(date));
  }
}

/** The built-in floor: the demo "crowd" tapping in and working out. */
export function demoSimulator(config: FloorgateConfig): Simulator {
  const crowd = demoMembers.filter((m) => m.id.startsWith('m-crowd-'));
  return new Simulator({ ...config.simulator, badges: crowd.map((m) => m.badgeIds[0]!), athletes: crowd.map((m) => m.id) });
}
