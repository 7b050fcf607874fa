import { useCallback, useEffect, useState } from 'react';
import { dateAndClock, describeError, staffFetch, StaffApiError } from './staff-api.js';
import type { StaffPageProps } from './StaffApp.js';

interface DeadLetter {
  seq: number;
  eventId: string;
  type: string;
  occurredAt: string;
  attempts: number;
  reason: string;
}

const EVENT_NAMES: Record<string, string> = { check_in: 'Check-in', equipment_session: 'Workout session', device_status: 'Device status' };

/** Events the cloud refused for good: why, and sending them again. */
export function DeadLetters({ status, onError }: StaffPageProps) {
  const [letters, setLetters] = useState<DeadLetter[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [discardReason, setDiscardReason] = useState('');
  const count = status?.queue.deadLetters ?? null;
  const standalone = status?.uplink.state === 'standalone';
  const load = useCallback(() => {
    staffFetch<{ deadLetters: DeadLetter[] }>('/api/staff/dead-letters').then(
      (answer) => setLetters(answer.deadLetters),
      (error: unknown) => {
        onError(error);
        if (!(error instanceof StaffApiError && error.code === 'standalone')) setNote(describeError(error));
      },
    );
  }, [onError]);
  // Read again whenever the live count changes.
  useEffect(() => {
    if (!standalone) load();
  }, [load, count, standalone]);
  const requeue = async (eventIds: string[] | 'all') => {
    try {
      const answer = await staffFetch<{ requeued: number }>('/api/staff/dead-letters/requeue', { method: 'POST', body: { eventIds } });
      setNote(`${answer.requeued} sent back to the queue.`);
      load();
    } catch (error) {
      onError(error);
      setNote(describeError(error));
    }
  };
  const discard = async (eventId: string) => {
    try {
      await staffFetch(`/api/staff/dead-letters/${encodeURIComponent(eventId)}/discard`, { method: 'POST', body: { reason: discardReason } });
      setNote('Discarded; the journal keeps the event and your reason.');
      setDiscardReason('');
      load();
    } catch (error) {
      onError(error);
      setNote(describeError(error));
    }
  };
  if (standalone) return <p>Standalone — nothing is sent anywhere, so nothing can be refused.</p>;
  return (
    <section className="staff-card">
      <div className="staff-row">
        <p className="staff-grow">{letters === null ? 'Loading…' : letters.length === 0 ? 'No dead letters: the cloud took everything.' : `${letters.length} event(s) the cloud refused.`}</p>
        <button type="button" onClick={() => requeue('all')} disabled={!letters?.length}>
          Requeue all
        </button>
      </div>
      {note ? <p role="status">{note}</p> : null}
      {letters?.length ? (
        <label className="staff-stack">
          Reason to discard (needed to discard; kept in the journal)
          <input value={discardReason} onChange={(e) => setDiscardReason(e.target.value)} placeholder="e.g. the member was deleted in the cloud" />
        </label>
      ) : null}
      {letters?.length ? (
        <table className="staff-table" data-testid="dead-letters">
          <thead>
            <tr>
              <th>Event</th>
              <th>When</th>
              <th>Tries</th>
              <th>Why the cloud refused it</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {letters.map((letter) => (
              <tr key={letter.eventId}>
                <td>
                  {EVENT_NAMES[letter.type] ?? letter.type}
                  <div className="staff-small staff-muted">{letter.eventId}</div>
                </td>
                <td>{dateAndClock(letter.occurredAt)}</td>
                <td>{letter.attempts}</td>
                <td>{letter.reason}</td>
                <td className="staff-actions">
                  <button type="button" onClick={() => requeue([letter.eventId])}>
                    Requeue
                  </button>
                  <button type="button" className="staff-button--quiet" disabled={discardReason.trim().length < 3} onClick={() => discard(letter.eventId)}>
                    Discard
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
