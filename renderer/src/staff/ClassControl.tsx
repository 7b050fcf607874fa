import { useState, type FormEvent } from 'react';
import type { ClassRoomState } from '../../../shared/classes.js';
import { rooms } from '../../../shared/live.js';
import { useRoom } from '../live/useRoom.js';
import { describeError, staffFetch } from './staff-api.js';
import type { StaffPageProps } from './StaffApp.js';

/** Class mode by hand: start a class now (title, minutes) or end the running one. The class room says what runs. */
export function ClassControl({ locationId, onError }: StaffPageProps) {
  const live = useRoom('class', rooms.class(locationId), { token: null });
  const [title, setTitle] = useState('Open class');
  const [minutes, setMinutes] = useState(45);
  const [note, setNote] = useState<string | null>(null);
  const current = live.data?.current ?? null;
  const act = async (path: 'start' | 'stop', body?: unknown) => {
    try {
      const state = await staffFetch<ClassRoomState>(`/api/staff/class/${path}`, { method: 'POST', ...(body ? { body } : {}) });
      setNote(path === 'start' ? `Started: ${state.current?.title ?? title}. /screen/class shows it now.` : 'Stopped: its summary is on the achievements screen.');
    } catch (failure) {
      onError(failure);
      setNote(describeError(failure));
    }
  };
  const start = (event: FormEvent) => {
    event.preventDefault();
    void act('start', { title, minutes });
  };
  return (
    <section className="staff-card staff-stack" data-testid="class-control">
      <header className="staff-card__head">
        <h2>Class mode</h2>
        <span className="staff-muted staff-small" data-testid="class-control-state">
          {current ? `${current.title} runs (${current.source === 'staff' ? 'started here' : 'from the schedule'}), ${current.minutesLeft} min left, ${current.tiles.length} with a strap` : 'No class running'}
        </span>
      </header>
      {current ? (
        <button type="button" onClick={() => void act('stop')}>
          Stop the class now
        </button>
      ) : (
        <form className="staff-row" onSubmit={start}>
          <label>
            Class
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={80} />
          </label>
          <label>
            Minutes
            <input type="number" min={5} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
          </label>
          <button type="submit">Start class mode</button>
        </form>
      )}
      {note ? <p className="staff-small">{note}</p> : null}
    </section>
  );
}
