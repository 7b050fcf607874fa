import { useCallback, useEffect, useState } from 'react';
import type { WebhookDestinationStatus } from '../../../shared/webhooks.js';
import { clock, dateAndClock, describeError, staffFetch } from './staff-api.js';

interface DeadLetter {
  eventId: string;
  eventType: string;
  attempts: number;
  reason: string | null;
  updatedAt: string | null;
}

const HEALTH: Record<WebhookDestinationStatus['health'], { state: string; label: string }> = {
  connected: { state: 'connected', label: 'Connected' },
  error: { state: 'error', label: 'Error' },
  circuit_open: { state: 'error', label: 'Error · resting' },
  idle: { state: 'configure', label: 'Idle' },
  paused: { state: 'configure', label: 'Paused' },
};

/**
 * One webhook destination (issue 12), live from the staff room: health, counts, the last attempts, its dead letters
 * with "Requeue", and "Send test event". Destinations come from the `webhooks` config section.
 */
export function WebhookCard({ destination, onError }: { destination: WebhookDestinationStatus; onError: (e: unknown) => void }) {
  const { name } = destination;
  const [dead, setDead] = useState<DeadLetter[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const loadDead = useCallback(() => {
    staffFetch<{ deadLetters: DeadLetter[] }>(`/api/webhooks/${encodeURIComponent(name)}/dead-letters`).then((a) => setDead(a.deadLetters), onError);
  }, [name, onError]);
  // Read again whenever the live count of dead deliveries moves.
  useEffect(loadDead, [loadDead, destination.dead]);
  const act = async (call: () => Promise<string>) => {
    try {
      setNote(await call());
      loadDead();
    } catch (failure) {
      onError(failure);
      setNote(describeError(failure));
    }
  };
  const requeue = (eventIds: string[] | 'all') =>
    act(async () => {
      const { requeued } = await staffFetch<{ requeued: number }>(`/api/webhooks/${encodeURIComponent(name)}/requeue`, { method: 'POST', body: { eventIds } });
      return `${requeued} sent back to the queue.`;
    });
  const health = HEALTH[destination.health];
  return (
    <section className="staff-card staff-card--wide" data-testid={`webhook-${name}`}>
      <header className="staff-card__head">
        <h2>Webhook: {name}</h2>
        <span className={`staff-state staff-state--${health.state}`}>{health.label}</span>
      </header>
      <p className="staff-small staff-url">{destination.url}</p>
      <p className="staff-small">
        {destination.events.join(', ')} · last success {dateAndClock(destination.lastSuccessAt)}
        {destination.failuresInRow > 0 ? ` · ${destination.failuresInRow} failures in a row` : ''}
        {destination.nextAttemptAt ? ` · next try ${clock(destination.nextAttemptAt)}` : ''}
      </p>
      <p className="staff-small" data-testid="webhook-counts">
        {destination.pending} waiting · {destination.delivered} delivered · {destination.dead} dead{destination.shed ? ` · ${destination.shed} shed` : ''}
      </p>
      {destination.lastError ? <p className="staff-bad">{destination.lastError}</p> : null}
      {destination.recent.length ? (
        <table className="staff-table">
          <tbody>
            {destination.recent.slice(0, 5).map((a) => (
              <tr key={`${a.eventId}:${a.at}`}>
                <td>{clock(a.at)}</td>
                <td>{a.eventType}</td>
                <td className={a.outcome === 'delivered' ? 'staff-good' : 'staff-bad'}>
                  {a.status ?? 'no answer'} · {a.outcome}
                </td>
                <td>{a.latencyMs} ms</td>
                <td className="staff-small">{a.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {dead.length ? (
        <ul className="staff-list" data-testid="webhook-dead-letters">
          {dead.slice(0, 10).map((d) => (
            <li key={d.eventId} className="staff-row">
              <span className="staff-grow">
                {d.eventType} · {d.attempts} tries · <span className="staff-bad">{d.reason ?? 'no reason recorded'}</span>
              </span>
              <button type="button" className="staff-button--quiet" onClick={() => void requeue([d.eventId])}>
                Requeue
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="staff-actions">
        <button type="button" onClick={() => void act(async () => (await staffFetch(`/api/webhooks/${encodeURIComponent(name)}/test`, { method: 'POST' }), 'Test event queued: watch the last attempts.'))}>
          Send test event
        </button>
        {dead.length ? (
          <button type="button" className="staff-button--warn" onClick={() => void requeue('all')}>
            Requeue all {dead.length} dead
          </button>
        ) : null}
      </div>
      {note ? <p role="status">{note}</p> : null}
    </section>
  );
}
