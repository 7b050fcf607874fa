/** The gym's own settings (name, capacity, opening hours, class schedule feed): the config file's, or set in the console. */
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');

/** A weekly window: on these days (0 = Sunday … 6 = Saturday), from..to local time (22:00–02:00 runs past midnight). */
export const accessWindowSchema = z.strictObject({
  days: z.array(z.number().int().min(0).max(6)).min(1, 'must name at least one day').default([0, 1, 2, 3, 4, 5, 6]),
  from: hhmm,
  to: hhmm,
});
export type AccessWindow = z.infer<typeof accessWindowSchema>;

/** `PUT /api/staff/gym`: every setting at once, as the console's form has them. */
export const gymSettingsSchema = z.strictObject({
  name: z.string({ error: 'is required' }).trim().min(1, 'is required').max(60, 'is too long (60 characters at most)'),
  /** Null: no limit. */
  capacity: z.number({ error: 'must be a whole number or null (no limit)' }).int('must be a whole number').min(1, 'must be 1 or more').max(100_000).nullable(),
  /** Empty: always open. */
  openingHours: z.array(accessWindowSchema).max(21, 'has more than 21 windows'),
  /** An http(s) ICS feed; null: no class schedule. (A file path can only come from the config file.) */
  scheduleIcs: z
    .string()
    .trim()
    .max(2000, 'is too long')
    .regex(/^https?:\/\/[^\s]+$/i, 'must be an http:// or https:// address of an ICS feed')
    .nullable(),
  by: z.string().trim().max(60, 'is too long').optional(),
});
export type GymSettingsInput = z.input<typeof gymSettingsSchema>;
export type GymValues = Omit<z.output<typeof gymSettingsSchema>, 'by'>;
export const GYM_FIELDS = ['name', 'capacity', 'openingHours', 'scheduleIcs'] as const;
export type GymField = (typeof GYM_FIELDS)[number];

/** `GET`/`PUT /api/staff/gym`. */
export const gymSettingsAnswerSchema = z.object({
  values: z.object({
    name: z.string(),
    capacity: z.number().nullable(),
    openingHours: z.array(z.object({ days: z.array(z.number()), from: z.string(), to: z.string() })),
    scheduleIcs: z.string().nullable(),
  }),
  /** Where the values come from: the config file, or the console (which then wins over the file). */
  source: z.enum(['file', 'console']),
  /** With a cloud configured: which of these the cloud owns (refused here) and why; none, as the contract stands. */
  cloud: z.object({ configured: z.boolean(), owns: z.array(z.enum(GYM_FIELDS)), note: z.string() }),
  /** The class schedule feed as last read (null: none configured). */
  schedule: z.object({ fetchedAt: z.string().nullable(), error: z.string().nullable(), classesToday: z.number() }).nullable(),
  /** PUT only: the staff action's eventId. */
  journaled: z.string().optional(),
});
export type GymSettingsAnswer = z.infer<typeof gymSettingsAnswerSchema>;
