import { useState, type FormEvent } from 'react';
import type { AccessWindow, GymSettingsAnswer } from '../../../shared/gym.js';
import { dateAndClock, describeError, staffFetch } from './staff-api.js';
import { useStaffAnswer } from './useStaffAnswer.js';
import type { StaffPageProps } from './StaffApp.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The gym's name, capacity, opening hours and class schedule feed: saved here, they apply at once. */
export function Gym({ onError }: StaffPageProps) {
  const { answer, setAnswer, error, load } = useStaffAnswer<GymSettingsAnswer>('/api/staff/gym', onError);
  // Kept here: the form is rebuilt from the saved values, and the note must outlive that.
  const [note, setNote] = useState<Note | null>(null);
  if (error) return <p className="staff-error">{error}</p>;
  if (!answer) return <p className="staff-muted">Loading…</p>;
  return <GymForm key={JSON.stringify(answer.values)} answer={answer} note={note} onNote={setNote} onError={onError} onSaved={setAnswer} />;
}

interface Note {
  ok: boolean;
  text: string;
}

function GymForm({
  answer,
  note,
  onNote: setNote,
  onError,
  onSaved,
}: {
  answer: GymSettingsAnswer;
  note: Note | null;
  onNote: (note: Note) => void;
  onError: (e: unknown) => void;
  onSaved: (a: GymSettingsAnswer) => void;
}) {
  const [name, setName] = useState(answer.values.name);
  const [capacity, setCapacity] = useState(answer.values.capacity === null ? '' : String(answer.values.capacity));
  const [hours, setHours] = useState<AccessWindow[]>(answer.values.openingHours);
  const [ics, setIcs] = useState(answer.values.scheduleIcs ?? '');
  const [by, setBy] = useState('');
  const [saving, setSaving] = useState(false);
  const owned = new Set(answer.cloud.owns);
  const setWindow = (i: number, patch: Partial<AccessWindow>) => setHours((h) => h.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const body = {
        name,
        capacity: capacity.trim() === '' ? null : Number(capacity),
        openingHours: hours,
        scheduleIcs: ics.trim() === '' ? null : ics.trim(),
        ...(by.trim() ? { by: by.trim() } : {}),
      };
      const saved = await staffFetch<GymSettingsAnswer>('/api/staff/gym', { method: 'PUT', body });
      onSaved(saved);
      setNote({ ok: true, text: 'Saved: check-ins, the occupancy screen and the schedule use it now.' });
    } catch (failure) {
      onError(failure);
      setNote({ ok: false, text: describeError(failure) });
    } finally {
      setSaving(false);
    }
  };
  const feed = answer.schedule;
  return (
    <form className="staff-columns" onSubmit={save} data-testid="gym-settings">
      <section className="staff-card staff-stack">
        <header className="staff-card__head">
          <h2>The gym</h2>
          <span className="staff-muted staff-small">{answer.source === 'console' ? 'set here' : 'from the config file'}</span>
        </header>
        <label>
          Gym name (on the screens)
          <input value={name} onChange={(e) => setName(e.target.value)} disabled={owned.has('name')} required maxLength={60} />
        </label>
        <label>
          Capacity (people at once; empty = no limit)
          <input type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} disabled={owned.has('capacity')} />
        </label>
        <label>
          Class schedule (ICS feed address; empty = none)
          <input type="url" placeholder="https://…/classes.ics" value={ics} onChange={(e) => setIcs(e.target.value)} disabled={owned.has('scheduleIcs')} />
        </label>
        <p className="staff-small staff-muted" data-testid="schedule-feed">
          {feed === null
            ? 'No class schedule: the schedule screen says so.'
            : feed.error
              ? `The feed could not be read: ${feed.error}${feed.fetchedAt ? ` (showing the copy from ${dateAndClock(feed.fetchedAt)})` : ''}`
              : `Read ${dateAndClock(feed.fetchedAt)}: ${feed.classesToday} ${feed.classesToday === 1 ? 'class' : 'classes'} today.`}
        </p>
        <p className="staff-small staff-muted">{answer.cloud.note}</p>
      </section>
      <section className="staff-card staff-stack">
        <header className="staff-card__head">
          <h2>Opening hours</h2>
          <span className="staff-muted staff-small">{hours.length === 0 ? 'always open' : 'check-ins outside them are refused'}</span>
        </header>
        <ol className="staff-list">
          {hours.map((window, i) => (
            <li key={i} className="staff-hours" data-testid="opening-window">
              <fieldset className="staff-plain staff-days">
                <legend className="staff-small">Days {i + 1}</legend>
                {DAYS.map((day, d) => (
                  <label key={day} className="staff-check">
                    <input
                      type="checkbox"
                      aria-label={`${day} ${i + 1}`}
                      checked={window.days.includes(d)}
                      onChange={(e) => setWindow(i, { days: e.target.checked ? [...window.days, d].sort() : window.days.filter((x) => x !== d) })}
                    />
                    {day}
                  </label>
                ))}
              </fieldset>
              <label>
                From
                <input type="time" aria-label={`Opens ${i + 1}`} value={window.from} onChange={(e) => setWindow(i, { from: e.target.value })} required />
              </label>
              <label>
                To
                <input type="time" aria-label={`Closes ${i + 1}`} value={window.to} onChange={(e) => setWindow(i, { to: e.target.value })} required />
              </label>
              <button type="button" className="staff-button--quiet" onClick={() => setHours((h) => h.filter((_, j) => j !== i))}>
                Remove
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="staff-button--quiet" onClick={() => setHours((h) => [...h, { days: [1, 2, 3, 4, 5], from: '06:00', to: '22:00' }])}>
          Add opening hours
        </button>
        <label>
          Your name (optional)
          <input value={by} onChange={(e) => setBy(e.target.value)} />
        </label>
        <button type="submit" disabled={saving}>
          Save gym settings
        </button>
        {note ? <p role={note.ok ? 'status' : 'alert'} className={note.ok ? 'staff-good' : 'staff-bad'}>{note.text}</p> : null}
      </section>
    </form>
  );
}
