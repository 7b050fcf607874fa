/** Webhooks from the box (`/api/status` → `webhooks`, the staff API): types shared by gateway and renderer. */

export const WEBHOOK_EVENT_TYPES = [
  'member.checked_in',
  'member.denied',
  'workout.completed',
  'goal.achieved',
  'record.set',
  'door.opened',
  'device.problem',
  'device.recovered',
  'test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface WebhookAttempt {
  eventId: string;
  eventType: string;
  at: string;
  /** HTTP status, null when no answer came (refused, timed out). */
  status: number | null;
  latencyMs: number;
  outcome: 'delivered' | 'retry' | 'dead' | 'paused';
  error: string | null;
}

export interface WebhookDestinationStatus {
  name: string;
  /** Scheme, host and path only: a query string may hold a token. */
  url: string;
  events: WebhookEventType[];
  /** connected: the last attempt was delivered; error: it failed; circuit_open: resting after failures in a row; idle: nothing sent yet. */
  health: 'connected' | 'error' | 'circuit_open' | 'idle';
  lastSuccessAt: string | null;
  lastError: string | null;
  failuresInRow: number;
  nextAttemptAt: string | null;
  pending: number;
  delivered: number;
  dead: number;
  shed: number;
  recent: WebhookAttempt[];
}

export interface WebhooksStatus {
  destinations: WebhookDestinationStatus[];
  pendingBytes: number;
  quotaBytes: number;
}
