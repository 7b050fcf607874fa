import { z } from 'zod';

/**
 * A cloud API key, wherever it comes from (config file, FLOORGATE_API_KEY, the staff console):
 * one with a newline or NUL would fail every call as a "network error" and retry forever
 * instead of showing `auth_error`, so it is refused where it enters, plainly.
 */
export const cloudApiKeySchema = z
  .string({ error: 'is required' })
  .trim()
  .min(8, 'is too short to be an API key')
  .max(512, 'is too long to be an API key')
  .regex(/^bak_/, 'must start with "bak_"')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces or control characters');
