/** The staff console's local API: request schemas (zod, validated by the gateway) and the answers' types. */
import { z } from 'zod';
import type { CheckInResult, DenialCode, DenialReason, Wod } from './checkin.js';

/** `POST /api/staff/session`: sign in with the staff PIN. */
export const staffSignInSchema = z.object({ pin: z.string({ error: 'is required' }).min(1, 'is required') });
export interface StaffSessionAnswer {
  token: string;
  expiresAt: string;
}

/** `GET /api/staff/members?q=`: a name or a badge, as typed at the desk. */
export const memberSearchSchema = z.object({ q: z.string({ error: 'is required' }).trim().min(1, 'is required').max(100, 'is too long') });

/** `POST /api/staff/checkins`: a manual check-in, or (override) letting in a member the rules deny. */
export const staffCheckInSchema = z.object({
  memberId: z.string({ error: 'is required' }).min(1, 'is required'),
  reason: z.string({ error: 'is required' }).trim().min(3, 'must say why (3 characters or more)').max(200, 'is too long (200 characters at most)'),
  override: z.boolean().default(false),
  /** Who at the desk did it (the PIN is shared, so the person types their name). */
  by: z.string().trim().max(60, 'is too long').optional(),
});
export type StaffCheckInRequest = z.input<typeof staffCheckInSchema>;

/** A check-in fact as the front desk lists it. */
export interface FrontDeskEntry {
  eventId: string;
  at: string;
  decision: 'accepted' | 'denied';
  /** Staff see the full name; null when the badge matched nobody. */
  name: string | null;
  badgeId: string;
  reason: DenialReason | null;
  /** The reader or screen the badge came from. */
  source: string;
  method: string;
  override: { reason: string; by: string; overrode: DenialCode } | null;
}
export interface FrontDeskToday {
  date: string;
  entries: FrontDeskEntry[];
}

export interface MemberCard {
  id: string;
  name: string;
  displayName: string | null;
  badgeIds: string[];
  membership: { status: string; plan?: string; validUntil: string | null };
  waiverSigned: boolean;
  /** Last accepted check-ins, newest first. */
  lastVisits: string[];
  /** What the door would say now, decided by the same rules without committing anything. */
  wouldBe: { decision: 'accepted' } | { decision: 'denied'; reason: DenialReason };
}
export interface MemberSearchAnswer {
  members: MemberCard[];
}

export interface StaffCheckInAnswer {
  result: CheckInResult;
}

/** `POST /api/staff/dead-letters/:eventId/discard`: give up on an event the cloud refused, saying why (journaled). */
export const discardDeadLetterSchema = z.object({
  reason: z.string({ error: 'is required' }).trim().min(3, 'must say why (3 characters or more)').max(200, 'is too long (200 characters at most)'),
  by: z.string().trim().max(60, 'is too long').optional(),
});

/** `PUT /api/staff/wods/:date`: the gym's own WOD for a day (standalone gyms; with a cloud, WODs are edited there). */
export const wodInputSchema = z.object({
  title: z.string({ error: 'is required' }).trim().min(1, 'is required').max(80, 'is too long (80 characters at most)'),
  restDay: z.boolean().default(false),
  parts: z.array(z.string().trim().min(1, 'must not be empty').max(200, 'is too long (200 characters at most)')).max(20, 'has more than 20 lines').default([]),
  notes: z.string().trim().max(500, 'is too long (500 characters at most)').optional(),
});
export type WodInput = z.input<typeof wodInputSchema>;

export interface StaffWodDay {
  date: string;
  wod: Wod | null;
}
export interface StaffWodsAnswer {
  /** Null when the gym writes its own WODs here; else why it cannot (the cloud is the source). */
  readOnlyReason: string | null;
  days: StaffWodDay[];
}

/** `POST /api/staff/roster`: a roster file's text as the browser read it, validated like `floorgate roster import`. */
export const rosterUploadSchema = z.object({
  fileName: z.string({ error: 'is required' }).trim().regex(/\.(csv|json)$/i, 'must end in .csv or .json'),
  text: z.string({ error: 'is required' }).min(1, 'is empty'),
});
export interface RosterUploadAnswer {
  members: number;
  badges: number;
  /** Badges that were on one member and are now on another. */
  warnings: string[];
}

/** `GET /api/staff/screens`: where the box's screens can be opened from the LAN. */
export interface StaffScreensAnswer {
  /** Base URLs, e.g. "http://192.168.1.20:8080", LAN addresses first; loopback last (the box itself). */
  baseUrls: string[];
  /** LAN kiosks (the entrance) add it as ?token=…: staff only. */
  kioskToken: string;
  playlists: string[];
}
