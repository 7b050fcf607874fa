import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { rooms } from '../../../shared/live.js';
import type { FrontDeskToday, MemberCard, MemberSearchAnswer, StaffCheckInAnswer } from '../../../shared/staff.js';
import { useRoom } from '../live/useRoom.js';
import { clock, dateAndClock, describeError, staffFetch } from './staff-api.js';
import { MemberEquipment } from './MemberEquipment.js';
import type { StaffPageProps } from './StaffApp.js';

/** Today's door, and a member looked up at the desk: who they are, what the door would say, and letting them in. */
export function FrontDesk({ locationId, onError }: StaffPageProps) {
  const [today, setToday] = useState<FrontDeskToday | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const reload = useCallback(() => {
    staffFetch<FrontDeskToday>('/api/staff/front-desk/today').then(
      (answer) => {
        setToday(answer);
        setLoadError(null);
      },
      (error: unknown) => {
        onError(error);
        setLoadError(describeError(error));
      },
    );
  }, [onError]);
  useEffect(reload, [reload]);
  // Every check-in at any door reaches the entrance room: read the list again when one does.
  useRoom('entrance', rooms.entrance(locationId), { token: null, onMessage: (type) => type === 'delta' && reload() });

  return (
    <div className="staff-columns">
      <section className="staff-card" aria-labelledby="today-title">
        <h2 id="today-title">Today at the door</h2>
        {loadError ? <p className="staff-error">{loadError}</p> : null}
        {today && today.entries.length === 0 ? <p className="staff-muted">No check-ins yet today.</p> : null}
        <ol className="staff-list" data-testid="front-desk-today">
          {today?.entries.map((entry) => (
            <li key={entry.eventId} className={`staff-entry staff-entry--${entry.decision}`}>
              <span className="staff-entry__time">{clock(entry.at)}</span>
              <span className="staff-entry__who">
                <strong>{entry.name ?? `Unknown badge ${entry.badgeId}`}</strong>
                <span className="staff-muted staff-small">{entry.source}</span>
              </span>
              <span className="staff-entry__what">
                {entry.decision === 'accepted' ? (entry.override ? 'Let in by staff' : 'In') : (entry.reason?.message ?? 'Refused')}
                {entry.override ? (
                  <span className="staff-small staff-muted">
                    {' '}
                    — {entry.override.by}: “{entry.override.reason}”
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <MemberLookup onError={onError} onCheckedIn={reload} />
    </div>
  );
}

function MemberLookup({ onError, onCheckedIn }: { onError: (e: unknown) => void; onCheckedIn: () => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<MemberCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!query.trim()) return;
    try {
      setFound((await staffFetch<MemberSearchAnswer>(`/api/staff/members?q=${encodeURIComponent(query.trim())}`)).members);
      setError(null);
    } catch (failure) {
      onError(failure);
      setError(describeError(failure));
    }
  };
  return (
    <section className="staff-card" aria-labelledby="lookup-title">
      <h2 id="lookup-title">Find a member</h2>
      <form className="staff-row" onSubmit={search} role="search">
        <input aria-label="Name or badge" placeholder="Name or badge" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" disabled={!query.trim()}>
          Search
        </button>
      </form>
      {error ? <p className="staff-error">{error}</p> : null}
      {found && found.length === 0 ? <p className="staff-muted">Nobody matches “{query}”.</p> : null}
      {found?.map((member) => (
        <MemberPanel key={member.id} member={member} onError={onError} onDone={() => (onCheckedIn(), void search())} />
      ))}
    </section>
  );
}

function MemberPanel({ member, onError, onDone }: { member: MemberCard; onError: (e: unknown) => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [by, setBy] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const denied = member.wouldBe.decision === 'denied' ? member.wouldBe.reason : null;
  const checkIn = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const answer = await staffFetch<StaffCheckInAnswer>('/api/staff/checkins', {
        method: 'POST',
        body: { memberId: member.id, reason, override: denied !== null, ...(by.trim() ? { by: by.trim() } : {}) },
      });
      setOutcome(answer.result.decision === 'accepted' ? `Checked in at ${clock(answer.result.decidedAt)}.` : `Refused: ${answer.result.reason?.message ?? ''}`);
      setError(null);
      setReason('');
      onDone();
    } catch (failure) {
      onError(failure);
      setError(describeError(failure));
    }
  };
  return (
    <article className="staff-member" data-testid="member-card">
      <header>
        <strong>{member.name}</strong>
        <span className="staff-muted staff-small"> badge {member.badgeIds.join(', ') || 'none'} · screens show “{member.displayName ?? 'hidden'}”</span>
      </header>
      <dl className="staff-facts">
        <dt>Membership</dt>
        <dd>
          {member.membership.status}
          {member.membership.plan ? ` · ${member.membership.plan}` : ''}
          {member.membership.validUntil ? ` · until ${member.membership.validUntil}` : ''}
        </dd>
        <dt>Waiver</dt>
        <dd className={member.waiverSigned ? '' : 'staff-bad'}>{member.waiverSigned ? 'signed' : 'not signed'}</dd>
        <dt>Last visits</dt>
        <dd>{member.lastVisits.length ? member.lastVisits.map((v) => dateAndClock(v)).join(', ') : 'none recorded on this box'}</dd>
        <dt>At the door now</dt>
        <dd className={denied ? 'staff-bad' : 'staff-good'} data-testid="would-be">
          {denied ? `Refused: ${denied.message} ${denied.action}` : 'Would be let in'}
        </dd>
      </dl>
      <form className="staff-stack" onSubmit={checkIn}>
        <label>
          Reason {denied ? '(why you let them in despite this)' : '(e.g. forgot their badge)'}
          <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
        </label>
        <label>
          Your name (optional)
          <input value={by} onChange={(e) => setBy(e.target.value)} />
        </label>
        <button type="submit" className={denied ? 'staff-button--warn' : ''} disabled={reason.trim().length < 3}>
          {denied ? 'Override and check in' : 'Check in'}
        </button>
      </form>
      {outcome ? <p className="staff-good" role="status">{outcome}</p> : null}
      {error ? <p className="staff-error">{error}</p> : null}
      <MemberEquipment member={member} onError={onError} />
    </article>
  );
}
