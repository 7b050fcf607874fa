/**
 * The cloud API as this device speaks it (../shared/cloud-api.md). One definition, used by the
 * uplink and by the test suite's cloud double.
 */
import type { EventType } from '../store/journal.js';

export const API_PREFIX = '/api/external/v1';

export interface OutboundEvent {
  eventId: string;
  type: EventType;
  occurredAt: string;
  payload: unknown;
}

export interface EventsBatchRequest {
  events: OutboundEvent[];
}

export type EventStatus = 'accepted' | 'duplicate' | 'rejected';

export interface EventResult {
  eventId: string;
  status: EventStatus;
  error?: { code: string; message: string };
}

export interface EventsBatchResponse {
  results: EventResult[];
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** Seed §1.3 and cloud-api.md: at most 1000 events and 1 MB per batch. */
export const MAX_BATCH_EVENTS = 1000;
export const MAX_BATCH_BYTES = 1024 * 1024;
