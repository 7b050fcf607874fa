import { memo, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { formatValue } from '../../../shared/format.js';
import type { ChallengeSummary, LeaderboardGroup, LeaderboardRow, LeaderboardView } from '../../../shared/leaderboard.js';
import { gapInWords } from './leaderboard-words.js';

/** How long a row that climbed shows its "▲ 2". */
const MOVE_SHOWN_MS = 6000;

export interface LeaderboardBoardProps {
  view: LeaderboardView;
  /** Only this division (`?division=`); null = every group side by side. */
  division: string | null;
  /** Most rows per group; null = as many as fit. */
  limit: number | null;
  compact?: boolean;
}

/** What the board counts, in words for the header. */
export function challengeLine(view: LeaderboardView): string {
  const c = view.challenge;
  const goal = c.target !== null ? `Goal ${formatValue(c.target, c.unit)}${c.isTeam ? ' per team' : ''}` : null;
  const what: Record<string, string> = {
    distance: 'Total distance',
    time: 'Total time',
    workouts: 'Workouts',
    pr_count: 'Personal records',
    consistency: 'Active days',
    team: 'Team total',
    improvement: 'Improvement',
  };
  const bikes = c.multipliers.bike !== undefined && c.multipliers.bike !== 1 ? `bike counts ×${c.multipliers.bike}` : null;
  return [what[c.type] ?? c.type, goal, bikes].filter(Boolean).join(' · ');
}

export function daysLeft(endsAt: string, now: number): string {
  const ms = Date.parse(endsAt) - now;
  if (ms <= 0) return 'Ended';
  const days = Math.ceil(ms / 86_400_000);
  return days <= 1 ? 'Ends today' : `${days} days left`;
}

export function LeaderboardBoard({ view, division, limit, compact = false }: LeaderboardBoardProps) {
  const groups = division === null ? view.groups : view.groups.filter((g) => g.division === division);
  if (groups.length === 0) {
    return <p className="board__empty">No division “{division}” in this challenge.</p>;
  }
  // Side-by-side groups share one row height (the longest group's), so their rows line up.
  const rowsAcross = Math.max(...groups.map((g) => Math.min(g.rows.length, limit ?? Number.POSITIVE_INFINITY)));
  return (
    <div className={`board${compact ? ' board--compact' : ''}`} data-groups={groups.length}>
      {groups.map((group) => (
        <GroupColumn
          key={group.division ?? '-'}
          group={group}
          challenge={view.challenge}
          rowsAcross={rowsAcross}
          showTitle={groups.length > 1 || group.division !== null}
          limit={limit}
          isTeam={view.challenge.isTeam}
          markProvisional={view.cloudUpdatedAt !== null}
        />
      ))}
    </div>
  );
}

interface GroupProps {
  group: LeaderboardGroup;
  challenge: ChallengeSummary;
  /** Rows in the longest group beside this one. */
  rowsAcross: number;
  showTitle: boolean;
  limit: number | null;
  isTeam: boolean;
  /** Mark rows with sessions the cloud has not counted yet (only meaningful with a cloud board). */
  markProvisional: boolean;
}

/** Rows never taller than this share of the column: three results are a podium, not three banners. */
const MIN_ROWS_SIZED_FOR = 4;

function GroupColumn({ group, challenge, rowsAcross, showTitle, limit, isTeam, markProvisional }: GroupProps) {
  const list = useRef<HTMLOListElement>(null);
  const [space, setSpace] = useState({ fit: 8, height: 640 });
  // As many rows as the column has room for, none smaller than 7.5 % of the screen's shorter side.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const measure = () => {
      const minRow = Math.max(44, Math.min(window.innerHeight, window.innerWidth) * 0.075);
      setSpace({ fit: Math.max(1, Math.floor(el.clientHeight / minRow)), height: el.clientHeight });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const shown = group.rows.slice(0, Math.min(limit ?? Number.POSITIVE_INFINITY, space.fit));
  // The rows shown share the column's height, so the board fills the screen whether it shows 5 rows or 12; a few
  // teams get big rows (a versus board, not a list).
  const sizedFor = Math.min(space.fit, Math.max(isTeam ? 3 : MIN_ROWS_SIZED_FOR, shown.length, rowsAcross));
  const rowPx = space.height / sizedFor;
  const moves = useRankMoves(group.rows);

  return (
    <section className="board__group" data-testid="leaderboard-group" data-division={group.division ?? ''}>
      {showTitle ? (
        <h2 className="board__division">
          <span>{group.division ?? (isTeam ? 'Teams' : 'Everyone')}</span>
          <span className="board__count">
            {group.participants} {isTeam ? 'athletes' : 'taking part'}
          </span>
        </h2>
      ) : null}
      <ol className="board__rows" ref={list} style={{ '--row-h': `${rowPx}px` } as CSSProperties}>
        {shown.map((row, index) => (
          <Row
            key={row.key}
            row={row}
            index={index}
            challenge={challenge}
            gap={gapInWords(row, challenge, group.rows[index - 1] ?? null, group.rows[index + 1] ?? null)}
            climbed={moves.get(row.key) ?? 0}
            markProvisional={markProvisional}
          />
        ))}
      </ol>
      {shown.length === 0 ? (
        <p className="board__empty" data-testid="leaderboard-empty">
          No results yet: finish a workout to get on the board.
        </p>
      ) : null}
    </section>
  );
}

/** Places gained per row key recently (for the "▲ n" note), from successive boards. */
function useRankMoves(rows: LeaderboardRow[]): Map<string, number> {
  const previous = useRef<Map<string, number> | null>(null);
  const moves = useRef(new Map<string, { by: number; at: number }>());
  const now = Date.now();
  if (previous.current) {
    for (const row of rows) {
      const before = previous.current.get(row.key);
      if (before !== undefined && before > row.rank) moves.current.set(row.key, { by: before - row.rank, at: now });
    }
  }
  previous.current = new Map(rows.map((r) => [r.key, r.rank]));
  const shown = new Map<string, number>();
  for (const [key, move] of moves.current) {
    if (now - move.at < MOVE_SHOWN_MS) shown.set(key, move.by);
    else moves.current.delete(key);
  }
  return shown;
}

interface RowProps {
  row: LeaderboardRow;
  index: number;
  challenge: ChallengeSummary;
  /** What the row still needs, in words ("12.4 km to go"); null = nothing worth saying. */
  gap: string | null;
  climbed: number;
  markProvisional: boolean;
}

/**
 * A row sits at `index × row height` (a transform), so when its place changes the browser slides it there:
 * rank changes animate without re-laying out the board.
 */
const Row = memo(function Row({ row, index, challenge, gap, climbed, markProvisional }: RowProps) {
  const name = row.displayName;
  return (
    <li
      className={`board__row${row.rank <= 3 ? ` board__row--top${row.rank}` : ''}`}
      style={{ transform: `translateY(calc(${index} * var(--row-h)))` }}
      data-testid="leaderboard-row"
      data-rank={row.rank}
      data-key={row.key}
    >
      {row.progress !== null ? <span className="board__progress" style={{ width: `${row.progress}%` }} aria-hidden="true" /> : null}
      <span className="board__rank">{row.rank}</span>
      <span className={`board__name${name === null ? ' board__name--hidden' : ''}`} data-testid="leaderboard-name">
        {name ?? 'Hidden athlete'}
        {row.members !== undefined ? <span className="board__members"> · {row.members} {row.members === 1 ? 'athlete' : 'athletes'}</span> : null}
      </span>
      {climbed > 0 ? (
        <span className="board__climb" data-testid="leaderboard-climb" aria-label={`up ${climbed}`}>
          ▲{climbed}
        </span>
      ) : null}
      <span className="board__figures">
        <span className="board__value" data-testid="leaderboard-value">
          {formatValue(row.value, challenge.unit)}
          {row.provisional && markProvisional ? <span className="board__live" title="counted here, not yet synced" aria-label="provisional">•</span> : null}
        </span>
        {gap !== null ? (
          <span className="board__gap" data-testid="leaderboard-gap">
            {gap}
          </span>
        ) : null}
      </span>
    </li>
  );
});
