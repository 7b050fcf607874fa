import type { Wod } from '../../shared/checkin.js';

/** A week of demo programming, by weekday (0 = Sunday: rest day). */
const WEEK: Array<Omit<Wod, 'date' | 'source'>> = [
  {
    title: 'Rest day',
    restDay: true,
    parts: [],
    notes: 'Recover well: an easy walk, 10 minutes of mobility, and plenty of sleep.',
  },
  {
    title: 'Row & Burpee Ladder',
    restDay: false,
    parts: ['Warm-up: 500 m easy row, 2 rounds of 10 air squats + 5 inchworms', '5 rounds: 250 m row, 10 burpees, 15 wall balls', 'Cool-down: 5 min easy bike'],
  },
  {
    title: 'Engine Builder',
    restDay: false,
    parts: ['Warm-up: 3 min bike, 3 min row', 'EMOM 20: 12/10 cal bike, 15/12 cal row, 12 kettlebell swings, rest', 'Core: 3 × 30 s hollow hold'],
  },
  {
    title: 'Strength: Back Squat',
    restDay: false,
    parts: ['Warm-up: 1000 m row', 'Back squat 5-5-3-3-1-1', 'Finisher: 3 rounds, 400 m run, 20 sit-ups'],
  },
  {
    title: '2K Row Test',
    restDay: false,
    parts: ['Warm-up: 10 min row with 3 × 20 s pick-ups', 'Test: 2000 m row for time', 'Cool-down: 10 min easy bike'],
    notes: 'Log your time: it counts toward this month\'s challenge.',
  },
  {
    title: 'Partner Chipper',
    restDay: false,
    parts: ['In pairs, share the work: 2000 m row, 100 box jumps, 80 kettlebell swings, 60 cal bike, 40 burpees'],
  },
  {
    title: 'Long Aerobic Saturday',
    restDay: false,
    parts: ['45 min: alternate 5 min row / 5 min bike / 5 min ski at a talking pace'],
  },
];

export function demoWod(date: string): Wod {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return { ...WEEK[weekday]!, date, source: 'local' };
}
