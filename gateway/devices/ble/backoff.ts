/**
 * Reconnect delays: exponential from `initialMs`, capped at `maxMs`, with "equal jitter" (half fixed, half
 * random) so a floor of machines that dropped together does not reconnect in lockstep. Pure: the caller passes
 * the random number.
 */
export function reconnectDelayMs(attempt: number, random: number, { initialMs, maxMs }: { initialMs: number; maxMs: number }): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random, 0), 1));
}
