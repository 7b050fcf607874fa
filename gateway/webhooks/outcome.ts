/** Tries a destination gets for an event it refuses with a 4xx (other than 408/429) before it is a dead letter. */
export const CLIENT_ERROR_TRIES = 3;

/** Longest pause a `Retry-After` may ask for (a receiver asking for a day is treated as an hour). */
const MAX_RETRY_AFTER_MS = 3_600_000;

export type Outcome =
  | { kind: 'delivered' }
  /** Permanent: to the destination's dead letters now. */
  | { kind: 'dead'; error: string }
  /** Try again after backoff. */
  | { kind: 'retry'; error: string }
  /** The receiver asked for a pause (429/503 + Retry-After): not counted as a try. */
  | { kind: 'pause'; untilMs: number; error: string };

/** What one answer (or its absence) means for the delivery at the head of a lane (pure). */
export function classify(
  answer: { status: number; retryAfter?: string | undefined } | { error: string },
  attemptsBefore: number,
  nowMs: number,
): Outcome {
  if ('error' in answer) return { kind: 'retry', error: answer.error };
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  const error = `HTTP ${status}`;
  if (status === 429 || status === 503) {
    const pause = retryAfterMs(answer.retryAfter, nowMs);
    if (pause !== null) return { kind: 'pause', untilMs: nowMs + Math.min(pause, MAX_RETRY_AFTER_MS), error };
    return { kind: 'retry', error };
  }
  if (status === 410) return { kind: 'dead', error: `${error} Gone: the receiver no longer wants this` };
  if (status === 408 || status >= 500) return { kind: 'retry', error };
  // Other 4xx (and unfollowed 3xx): the receiver refuses this event; a few tries cover a deploy in progress.
  return attemptsBefore + 1 >= CLIENT_ERROR_TRIES ? { kind: 'dead', error } : { kind: 'retry', error };
}

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in ms from now; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Full-jitter exponential backoff: a random wait up to base·2^(n−1), capped. */
export function backoffMs(failuresInRow: number, options: { baseMs: number; capMs: number }, random: () => number = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, failuresInRow - 1));
  return Math.round(random() * ceiling);
}
