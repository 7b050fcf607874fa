import { stripUnsafeText } from '../members/safe-text.js';

/**
 * Badge ids reach us in many spellings: "00 04 1A 2B", "0004 1a2b", or the decimal "0000268843" a
 * keyboard-wedge reader types for the same card. Roster ids and reader input go through this one
 * function, so both sides meet in one canonical form.
 *
 * - hex:     separators dropped, upper case, leading zeros dropped ("00041a2b" → "41A2B")
 * - decimal: digits read as a decimal card number and written in hex ("268843" → "41A2B"),
 *            so decimal readers match hex rosters
 * - text:    trimmed, separators dropped, upper case (QR payloads, printed member numbers)
 * Input that does not fit the configured number form falls back to the text form.
 * Bidi controls and NULs are dropped first (members/safe-text.ts).
 */

export type BadgeFormat = 'hex' | 'decimal' | 'text';

export function normalizeBadge(raw: string, format: BadgeFormat): string {
  const text = stripUnsafeText(raw).trim().replace(/[\s:.-]+/g, '').toUpperCase();
  if (format === 'decimal' && /^\d{1,30}$/.test(text)) return BigInt(text).toString(16).toUpperCase();
  if (format === 'hex' && /^[0-9A-F]{1,64}$/.test(text)) return text.replace(/^0+(?=.)/, '');
  return text;
}
