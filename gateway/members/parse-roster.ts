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

/** Where a member field comes from in a CSV file: errors name the column the file has, not our field. */
const CSV_COLUMN: Record<string, string> = {
  id: 'id',
  name: 'name',
  badgeIds: 'badge_ids',
  'membership.status': 'status',
  'membership.plan': 'plan',
  'membership.validUntil': 'valid_until',
  waiverSigned: 'waiver',
  'privacy.leaderboard': 'privacy',
  'privacy.alias': 'alias',
};

/** The words a person editing the spreadsheet needs (zod's own speak of types). */
const CSV_MESSAGE: Record<string, string> = {
  waiver: 'must be yes or no',
  status: 'must be active, expired, frozen or suspended',
  privacy: 'must be name, alias or hidden',
};

function describe(issue: { path: PropertyKey[]; message: string }, format: 'csv' | 'json', headers: Map<string, string>): string {
  const field = issue.path.filter((p) => typeof p !== 'number').join('.');
  if (format === 'json') return `${issue.path.join('.') || '(row)'} ${issue.message}`;
  const column = CSV_COLUMN[field] ?? CSV_COLUMN[issue.path.slice(0, 1).join('.')] ?? field;
  return `column ${headers.get(column) ?? column} ${CSV_MESSAGE[column] ?? issue.message}`;
}

/** Parses a roster file's text. Every bad row is reported (by row number and field); nothing is half-loaded. */
export function parseRoster(text: string, format: 'csv' | 'json'): Member[] {
  let rows: unknown[];
  let firstRow: number;
  /** Normalized column name → the header as written in the file. */
  const headers = new Map<string, string>();
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
        columns: (header: string[]) =>
          header.map((h) => {
            const normalized = h.trim().toLowerCase().replace(/[\s-]+/g, '_');
            headers.set(normalized, h.trim());
            return normalized;
          }),
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
      problems.push(`${where}: ${parsed.error.issues.map((issue) => describe(issue, format, headers)).join('; ')}`);
      return;
    }
    // A member who asked for an alias must never be shown by name because the alias was left out.
    if (parsed.data.privacy.leaderboard === 'alias' && !parsed.data.privacy.alias?.trim()) {
      problems.push(`${where}: ${describe({ path: ['privacy', 'alias'], message: 'is required when privacy is alias' }, format, headers)}`);
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
