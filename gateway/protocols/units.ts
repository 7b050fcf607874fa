/** Unit helpers shared by the codecs: the wire's units in, SI-friendly numbers out. */

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** km/h (FTMS sends 0.01 km/h steps) → m/s. */
export function kmhToMps(kmh: number): number {
  return round(kmh / 3.6, 3);
}

/** Seconds per 500 m at a speed in m/s; null when standing still. */
export function paceFromSpeed(speedMps: number): number | null {
  return speedMps > 0 ? round(500 / speedMps, 1) : null;
}

export const KJ_PER_KCAL = 4.184;
