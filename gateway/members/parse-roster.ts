import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import type { Member } from './member.js';
import { memberSchema } from './member-schema.js';

export class RosterFileError extends Error {
  override name = 'RosterFileError';
}

const yes = new Set(['yes', 'y', 'true', '1', 'signed']);
const no = new Set(['no', 'n', 'false', '0', '', 'missing']);

/**
 * CSV columns (header row, any order, case-insensitive):
 * id, name, badge_ids (several separated by ";" or "|"), status, valid_until (YYYY-MM-DD or empty),
 * waiver (yes/no), privacy (name/alias/hidden, default name), alias, plan.
 */
function csvRowToRaw(row: Record<string, string>): unknown {
  const get = (key: string) => (row[key] ?? '').trim();
  const waiver = get('waiver').toLowerCase();
  return {
    id: get('id'),
    name: get('name'),
    badgeIds: get('badge_ids')
      .split(/[;|]/)
      .map((b) => b.trim())
      .filter(Boolean),
    membership: {
      status: get('status').toLowerCase(),
      ...(get('plan') ? { plan: get('plan') } : {}),
      validUntil: get('valid_until') || null,
    },
    waiverSigned: yes.has(waiver) ? true : no.has(waiver) ? false : waiver,
    privacy: {
      leaderboard: get('privacy').toLowerCase() || 'name',
      ...(get('alias') ? { alias: get('alias') } : {}),
    },
  };
}

function describe(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || '(row)'} ${issue.message}`;
}

/** Parses a roster file's text. Every bad row is reported (by row number and field); nothing is half-loaded. */
export function parseRoster(text: string, format: 'csv' | 'json'): Member[] {
  let rows: unknown[];
  let firstRow: number;
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new RosterFileError(`Not valid JSON: ${(error as Error).message}`);
    }
    const list = Array.isArray(data) ? data : (data as { members?: unknown })?.members;
    if (!Array.isArray(list)) throw new RosterFileError('Expected a JSON array of members, or { "members": [...] }');
    rows = list;
    firstRow = 0;
  } else {
    let records: Record<string, string>[];
    try {
      records = parseCsv(text, {
        columns: (header: string[]) => header.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_')),
        skip_empty_lines: true,
        bom: true,
        trim: true,
      });
    } catch (error) {
      throw new RosterFileError(`Not valid CSV: ${(error as Error).message}`);
    }
    rows = records.map(csvRowToRaw);
    firstRow = 2; // row 1 is the header
  }

  const problems: string[] = [];
  const members: Member[] = [];
  const seen = new Set<string>();
  rows.forEach((raw, index) => {
    const where = format === 'csv' ? `row ${index + firstRow}` : `member #${index + 1}`;
    const parsed = memberSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${where}: ${parsed.error.issues.map(describe).join('; ')}`);
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push(`${where}: id ${parsed.data.id} appears twice`);
      return;
    }
    seen.add(parsed.data.id);
    members.push(parsed.data);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).join('\n  ');
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
    throw new RosterFileError(`${problems.length} invalid member(s), nothing imported:\n  ${shown}${more}`);
  }
  return members;
}
