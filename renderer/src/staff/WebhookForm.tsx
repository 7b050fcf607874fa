import { useState, type FormEvent } from 'react';
import { WEBHOOK_EVENT_TYPES, type WebhookDestinationEdit, type WebhookDestinationStatus } from '../../../shared/webhooks.js';

const EVENT_WORDS: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  'member.checked_in': 'Member checked in',
  'member.denied': 'Member refused at check-in',
  'workout.completed': 'Workout completed',
  'goal.achieved': 'Goal achieved',
  'record.set': 'Personal record',
  'door.opened': 'Door opened',
  'device.problem': 'Device problem',
  'device.recovered': 'Device recovered',
  test: 'Test event (always sent when asked)',
};

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A destination's settings: add (with a name) or edit (the name stays). The gateway checks every field by the config
 * file's rules and names the one to fix; this form only gathers them.
 */
export function WebhookForm({
  current,
  busy,
  onSubmit,
  onCancel,
}: {
  current?: WebhookDestinationStatus;
  busy: boolean;
  onSubmit: (name: string, edit: WebhookDestinationEdit) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(current?.name ?? '');
  const [url, setUrl] = useState(current?.url ?? 'https://');
  const [events, setEvents] = useState<string[]>(current?.events ?? ['member.checked_in']);
  const [locations, setLocations] = useState(current?.filters.locations.join(', ') ?? '');
  const [readers, setReaders] = useState(current?.filters.readers.join(', ') ?? '');
  const [memberIds, setMemberIds] = useState(current?.include.memberIds ?? false);
  const [fullNames, setFullNames] = useState(current?.include.fullNames ?? false);
  const [maxPerSecond, setMaxPerSecond] = useState(String(current?.maxPerSecond ?? 10));
  const plainHttp = url.trim().toLowerCase().startsWith('http://');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(name.trim(), {
      url: url.trim(),
      events,
      filters: { locations: list(locations), readers: list(readers) },
      include: { memberIds, fullNames },
      maxPerSecond: Number(maxPerSecond),
    });
  };
  const toggle = (type: string, on: boolean) => setEvents((now) => (on ? [...now, type] : now.filter((e) => e !== type)));
  return (
    <form className="staff-form-grid" onSubmit={submit} aria-label={current ? `Edit webhook ${current.name}` : 'Add webhook destination'}>
      {current ? null : (
        <label>
          Name
          <input value={name} required placeholder="front-desk" onChange={(e) => setName(e.target.value)} />
        </label>
      )}
      <label className={current ? 'staff-span' : undefined}>
        URL
        <input value={url} required onChange={(e) => setUrl(e.target.value)} />
      </label>
      {current && current.url.startsWith('http') ? (
        <p className="staff-small staff-muted staff-span">The address is shown without any query string (it may hold a token): type it in full again if it had one.</p>
      ) : null}
      {plainHttp ? (
        <p className="staff-bad staff-span" role="note">
          Plain http:// is allowed only to a host on the gym’s own network, and anyone on that network can read what is sent. Prefer https://.
        </p>
      ) : null}
      <fieldset className="staff-plain staff-span">
        <legend>Events</legend>
        <div className="staff-form-grid">
          {WEBHOOK_EVENT_TYPES.filter((t) => t !== 'test').map((type) => (
            <label key={type} className="staff-check">
              <input type="checkbox" checked={events.includes(type)} onChange={(e) => toggle(type, e.target.checked)} />
              {EVENT_WORDS[type]} <code className="staff-small">{type}</code>
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        Only these locations (comma-separated; empty = all)
        <input value={locations} onChange={(e) => setLocations(e.target.value)} />
      </label>
      <label>
        Only these readers (comma-separated; empty = all)
        <input value={readers} onChange={(e) => setReaders(e.target.value)} />
      </label>
      <label className="staff-check">
        <input type="checkbox" checked={memberIds} onChange={(e) => setMemberIds(e.target.checked)} />
        Include member ids
      </label>
      <label className="staff-check">
        <input type="checkbox" checked={fullNames} onChange={(e) => setFullNames(e.target.checked)} />
        Include full names (otherwise display names only)
      </label>
      <label>
        At most per second
        <input type="number" min={0.1} max={1000} step="any" value={maxPerSecond} onChange={(e) => setMaxPerSecond(e.target.value)} />
      </label>
      <div className="staff-row staff-span">
        <button type="submit" disabled={busy}>
          {current ? 'Save changes' : 'Add destination'}
        </button>
        <button type="button" className="staff-button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A secret the gateway just made: shown here once, never again. */
export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(secret).then(
      () => setCopied('Copied.'),
      () => setCopied('Copy did not work here: select the secret and copy it by hand.'),
    );
  return (
    <div className="staff-secret" data-testid="webhook-secret" role="group" aria-label="Signing secret">
      <p>
        <strong>Signing secret — shown once — store it in your receiver now.</strong>
      </p>
      <code className="staff-secret__value">{secret}</code>
      <div className="staff-row">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="staff-button--quiet" onClick={onDone}>
          I have stored it
        </button>
        {copied ? <span className="staff-small">{copied}</span> : null}
      </div>
    </div>
  );
}
