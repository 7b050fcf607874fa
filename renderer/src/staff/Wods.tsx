import { useState, type FormEvent } from 'react';
import type { StaffWodDay, StaffWodsAnswer } from '../../../shared/staff.js';
import { describeError, staffFetch } from './staff-api.js';
import { useStaffAnswer } from './useStaffAnswer.js';
import type { StaffPageProps } from './StaffApp.js';

/** The week's WODs: write or change a day's; the screens show it on their next read. */
export function Wods({ onError }: StaffPageProps) {
  const { answer, error, load } = useStaffAnswer<StaffWodsAnswer>('/api/staff/wods', onError);
  if (error) return <p className="staff-error">{error}</p>;
  if (!answer) return <p className="staff-muted">Loading…</p>;
  return (
    <>
      {answer.readOnlyReason ? <p className="staff-card">{answer.readOnlyReason}</p> : null}
      <div className="staff-grid">
        {answer.days.map((day, i) => (
          <WodDay key={day.date} day={day} label={i === 0 ? 'Today' : i === 1 ? 'Tomorrow' : null} readOnly={answer.readOnlyReason !== null} onError={onError} onSaved={load} />
        ))}
      </div>
    </>
  );
}

function WodDay({ day, label, readOnly, onError, onSaved }: { day: StaffWodDay; label: string | null; readOnly: boolean; onError: (e: unknown) => void; onSaved: () => void }) {
  const [title, setTitle] = useState(day.wod?.title ?? '');
  const [parts, setParts] = useState((day.wod?.parts ?? []).join('\n'));
  const [notes, setNotes] = useState(day.wod?.notes ?? '');
  const [restDay, setRestDay] = useState(day.wod?.restDay ?? false);
  const [note, setNote] = useState<string | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const lines = parts.split('\n').map((l) => l.trim()).filter(Boolean);
      await staffFetch(`/api/staff/wods/${day.date}`, { method: 'PUT', body: { title, restDay, parts: lines, ...(notes.trim() ? { notes } : {}) } });
      setNote('Saved: the screens show it now.');
      onSaved();
    } catch (failure) {
      onError(failure);
      setNote(describeError(failure));
    }
  };
  const weekday = new Date(`${day.date}T12:00:00`).toLocaleDateString([], { weekday: 'long', day: 'numeric', month: 'short' });
  return (
    <form className="staff-card staff-stack" onSubmit={save} data-testid={`wod-${day.date}`}>
      <header className="staff-card__head">
        <h2>{label ? `${label} · ${weekday}` : weekday}</h2>
        <span className="staff-muted staff-small">{day.wod ? `${day.wod.source === 'local' ? 'written on this box' : `from the ${day.wod.source === 'cached' ? 'cloud (cached)' : 'cloud'}`}` : 'none yet'}</span>
      </header>
      <fieldset disabled={readOnly} className="staff-stack staff-plain">
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="staff-check">
          <input type="checkbox" checked={restDay} onChange={(e) => setRestDay(e.target.checked)} /> Rest day
        </label>
        <label>
          Parts (one per line)
          <textarea rows={5} value={parts} onChange={(e) => setParts(e.target.value)} />
        </label>
        <label>
          Notes
          <input value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <button type="submit" disabled={!title.trim()}>
          Save {label?.toLowerCase() ?? weekday}
        </button>
      </fieldset>
      {note ? <p role="status">{note}</p> : null}
    </form>
  );
}
