/** Figures as floor screens print them (gateway texts and renderer alike), in a fixed style readable from afar. */
import type { LeaderboardUnit } from './leaderboard.js';

function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 112.4 → "1:52.4" (per 500 m). */
export function formatPace(secondsPer500m: number): string {
  const tenths = Math.round(secondsPer500m * 10);
  const m = Math.floor(tenths / 600);
  const s = (tenths % 600) / 10;
  return `${m}:${s.toFixed(1).padStart(4, '0')}`;
}

/** 850 → "850 m", 12_345 → "12.3 km", 187_500 → "188 km". */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${grouped(metres)} m`;
  const km = metres / 1000;
  return km < 100 ? `${km.toFixed(1)} km` : `${grouped(km)} km`;
}

/** 485 → "8:05", 4_530 → "1 h 15 min", 216_000 → "60 h". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 3600) return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  const h = Math.floor(s / 3600);
  const min = Math.floor((s % 3600) / 60);
  return h >= 10 || min === 0 ? `${grouped(h)} h` : `${h} h ${String(min).padStart(2, '0')} min`;
}

function plural(n: number, one: string, many: string): string {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}

/** A leaderboard value in its unit. */
export function formatValue(value: number, unit: LeaderboardUnit): string {
  switch (unit) {
    case 'm':
      return formatDistance(value);
    case 's':
      return formatDuration(value);
    case 'kcal':
      return `${grouped(value)} kcal`;
    case 'workouts':
      return plural(value, 'workout', 'workouts');
    case 'prs':
      return plural(value, 'PR', 'PRs');
    case 'days':
      return plural(value, 'day', 'days');
    case '%':
      return `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`;
  }
}
