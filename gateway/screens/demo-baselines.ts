import type { PersonalBest } from '../achievements/records.js';

/**
 * Last month's bests for the demo members (simulator on): modest figures that the simulator's workouts (2–8 minutes at
 * 1:50–2:10 /500 m on rowers, 200–280 W on bikes) beat, so the achievements screen fills within the demo's first
 * minutes. Without them every member's first session is only a baseline and the screen stays empty for a long time.
 */
export function demoBaselines(now: Date): PersonalBest[] {
  const at = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const best = (category: string, value: number): PersonalBest => ({ category, value, eventId: 'demo-baseline', at });
  return [
    best('rower:longest_distance', 400),
    best('rower:longest_time', 100),
    best('rower:best_pace', 140),
    best('rower:best_power', 120),
    best('bike:longest_distance', 500),
    best('bike:longest_time', 100),
    best('bike:best_power', 150),
  ];
}
