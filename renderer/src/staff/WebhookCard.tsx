import { useCallback, useEffect, useState } from 'react';
import type { WebhookChangeAnswer, WebhookDestinationEdit, WebhookDestinationStatus, WebhookSecretAnswer } from '../../../shared/webhooks.js';
import { clock, dateAndClock, describeError, staffFetch } from './staff-api.js';
import { SecretOnce, WebhookForm } from './WebhookForm.js';

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

const path = (name: string, rest = '') => `/api/webhooks/${encodeURIComponent(name)}${rest}`;

/** "Add destination": the form, then the new destination's secret, shown once. */
export function AddWebhookCard({ onError }: { onError: (e: unknown) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const add = async (name: string, edit: WebhookDestinationEdit) => {
    setBusy(true);
    try {
      const answer = await staffFetch<WebhookSecretAnswer>('/api/webhooks', { method: 'POST', body: { name, ...edit } });
      setSecret({ name: answer.destination.name, secret: answer.secret });
      setOpen(false);
      setNote(`Webhook "${answer.destination.name}" added and running.`);
    } catch (failure) {
      onError(failure);
      setNote(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="staff-card staff-card--wide" data-testid="webhook-add">
      <header className="staff-card__head">
        <h2>Webhooks</h2>
      </header>
      <p className="staff-small">
        Send signed events to the gym’s own automations (door controllers, signage, Slack, Zapier, n8n…). Destinations in the config file are shown
        here read-only; the ones added here are stored on the box.
      </p>
      {secret ? <SecretOnce secret={secret.secret} onDone={() => setSecret(null)} /> : null}
      {open ? (
        <WebhookForm busy={busy} onSubmit={(name, edit) => void add(name, edit)} onCancel={() => setOpen(false)} />
      ) : (
        <div className="staff-actions">
          <button type="button" onClick={() => (setOpen(true), setNote(null))}>
            Add destination
          </button>
        </div>
      )}
      {note ? <p role="status">{note}</p> : null}
    </section>
  );
}

/**
 * One webhook destination (issue 12), live from the staff room: health, counts, the last attempts, its dead letters
 * with "Requeue" and "Discard", "Send test event", pause / resume; and for a destination added in the console, edit,
 * rotate secret and delete. Config-file destinations say so and keep their settings and secret in the file.
 */
export function WebhookCard({ destination, onError }: { destination: WebhookDestinationStatus; onError: (e: unknown) => void }) {
  const { name } = destination;
  const fromConsole = destination.origin === 'console';
  const [dead, setDead] = useState<DeadLetter[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<'delete' | 'rotate' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const loadDead = useCallback(() => {
    staffFetch<{ deadLetters: DeadLetter[] }>(`/api/webhooks/${encodeURIComponent(name)}/dead-letters`).then((a) => setDead(a.deadLetters), onError);
  }, [name, onError]);
  // Read again whenever the live count of dead deliveries moves.
  useEffect(loadDead, [loadDead, destination.dead]);
  const act = async (call: () => Promise<string>, reload = true) => {
    try {
      setNote(await call());
      if (reload) loadDead();
    } catch (failure) {
      onError(failure);
      setNote(describeError(failure));
    }
  };
  const requeue = (eventIds: string[] | 'all') =>
    act(async () => {
      const { requeued } = await staffFetch<{ requeued: number }>(path(name, '/requeue'), { method: 'POST', body: { eventIds } });
      return `${requeued} sent back to the queue.`;
    });
  const discard = (eventIds: string[] | 'all') =>
    act(async () => {
      const { discarded } = await staffFetch<{ discarded: number }>(path(name, '/discard'), { method: 'POST', body: { eventIds } });
      return `${discarded} discarded for good.`;
    });
  const pause = (paused: boolean) =>
    act(async () => {
      await staffFetch<WebhookChangeAnswer>(path(name, paused ? '/pause' : '/resume'), { method: 'POST', body: {} });
      return paused ? 'Paused: events wait in the queue, nothing is sent.' : 'Resumed: waiting events are sent in order.';
    });
  const save = (edit: WebhookDestinationEdit) =>
    act(async () => {
      await staffFetch<WebhookChangeAnswer>(path(name), { method: 'PUT', body: edit });
      setEditing(false);
      return 'Saved: sending with the new settings.';
    });
  const rotate = () =>
    act(async () => {
      setConfirming(null);
      const answer = await staffFetch<WebhookSecretAnswer>(path(name, '/rotate-secret'), { method: 'POST', body: {} });
      setSecret(answer.secret);
      return 'New secret made: requests are signed with the new and the previous secret, so the receiver verifies with either.';
    });
  const remove = () =>
    act(async () => {
      setConfirming(null);
      const { dropped } = await staffFetch<{ dropped: number }>(path(name), { method: 'DELETE' });
      return `Deleted${dropped ? `, with ${dropped} undelivered` : ''}.`;
    }, false); // the card goes with the next status
  const health = HEALTH[destination.health];
  return (
    <section className="staff-card staff-card--wide" data-testid={`webhook-${name}`}>
      <header className="staff-card__head">
        <h2>Webhook: {name}</h2>
        <span className={`staff-state staff-state--${health.state}`}>{health.label}</span>
      </header>
      <p className="staff-small staff-url">{destination.url}</p>
      <p className="staff-small staff-muted" data-testid="webhook-origin">
        {fromConsole ? 'Added in the console' : 'From the config file: edit it there (the console can pause, resume and discard)'}
        {destination.secrets > 1 ? ' · signing with the new and the previous secret' : ''}
      </p>
      {secret ? <SecretOnce secret={secret} onDone={() => setSecret(null)} /> : null}
      {editing ? <WebhookForm current={destination} busy={false} onSubmit={(_name, edit) => void save(edit)} onCancel={() => setEditing(false)} /> : null}
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
              <button type="button" className="staff-button--quiet" onClick={() => void discard([d.eventId])}>
                Discard
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="staff-actions">
        <button type="button" onClick={() => void act(async () => (await staffFetch(path(name, '/test'), { method: 'POST' }), 'Test event queued: watch the last attempts.'))}>
          Send test event
        </button>
        <button type="button" className="staff-button--quiet" onClick={() => void pause(!destination.paused)}>
          {destination.paused ? 'Resume' : 'Pause'}
        </button>
        {dead.length ? (
          <>
            <button type="button" className="staff-button--warn" onClick={() => void requeue('all')}>
              Requeue all {dead.length} dead
            </button>
            <button type="button" className="staff-button--quiet" onClick={() => void discard('all')}>
              Discard all {dead.length} dead
            </button>
          </>
        ) : null}
        {fromConsole && !editing ? (
          <>
            <button type="button" className="staff-button--quiet" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" className="staff-button--quiet" onClick={() => setConfirming('rotate')}>
              Rotate secret
            </button>
            <button type="button" className="staff-button--quiet" onClick={() => setConfirming('delete')}>
              Delete
            </button>
          </>
        ) : null}
      </div>
      {confirming ? (
        <div className="staff-row" role="group" aria-label="Confirm">
          <span className="staff-grow">
            {confirming === 'delete'
              ? `Delete "${name}" with its ${destination.pending} waiting and ${destination.dead} dead deliveries and its secret?`
              : 'Make a new secret? The old one keeps working beside it until you delete or rotate again.'}
          </span>
          <button type="button" className="staff-button--warn" onClick={() => void (confirming === 'delete' ? remove() : rotate())}>
            {confirming === 'delete' ? 'Delete for good' : 'Make new secret'}
          </button>
          <button type="button" className="staff-button--quiet" onClick={() => setConfirming(null)}>
            Keep
          </button>
        </div>
      ) : null}
      {note ? <p role="status">{note}</p> : null}
    </section>
  );
}
