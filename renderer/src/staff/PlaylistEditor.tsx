import { useState, type FormEvent } from 'react';
import { PLAYLIST_SCREENS, type PlaylistScreen } from '../../../shared/screens.js';
import type { StaffPlaylist, StaffPlaylistsAnswer } from '../../../shared/staff.js';
import { describeError, staffFetch } from './staff-api.js';
import { useStaffAnswer } from './useStaffAnswer.js';
import type { StaffPageProps } from './StaffApp.js';

/** One row as edited: parameters as the URL writes them ("challenge=c-1&theme=light"), seconds as typed. */
interface Row {
  screen: PlaylistScreen;
  params: string;
  seconds: string;
}

const toRow = (item: StaffPlaylist['items'][number]): Row => ({
  screen: item.screen,
  params: new URLSearchParams(item.params).toString(),
  seconds: String(item.seconds),
});
const toItem = (row: Row) => ({ screen: row.screen, params: Object.fromEntries(new URLSearchParams(row.params.trim())), seconds: Number(row.seconds) });

/** The playlists: each one's screens in order with their seconds, editable; a new one by name. Saved lists play at once. */
export function PlaylistEditor({ onError, onChanged }: StaffPageProps & { onChanged: () => void }) {
  const { answer, error, load } = useStaffAnswer<StaffPlaylistsAnswer>('/api/staff/playlists', onError);
  const [newName, setNewName] = useState('');
  const [drafts, setDrafts] = useState<string[]>([]);
  // Kept here: a saved card is rebuilt from the gateway's answer, and its note must outlive that.
  const [notes, setNotes] = useState<Record<string, string>>({});
  const noteFor = (name: string) => (text: string) => setNotes((n) => ({ ...n, [name]: text }));
  const changed = () => {
    load();
    onChanged();
  };
  if (error) return <p className="staff-error">{error}</p>;
  if (!answer) return <p className="staff-muted">Loading playlists…</p>;
  const names = answer.playlists.map((p) => p.name);
  const addNew = (event: FormEvent) => {
    event.preventDefault();
    const name = newName.trim();
    if (!name || names.includes(name) || drafts.includes(name)) return;
    setDrafts((d) => [...d, name]);
    setNewName('');
  };
  return (
    <section className="staff-stack" aria-label="Playlists">
      <h2>Playlists</h2>
      <p className="staff-small staff-muted">
        A playlist rotates screens on one TV (<code>/screen/playlist?name=…</code>). Saving here changes every TV showing it at once. The
        default playlist skips screens with nothing to show (no challenge running, no class today…).
      </p>
      <div className="staff-grid staff-grid--wide">
        {answer.playlists.map((playlist) => (
          <PlaylistCard
            key={`${playlist.name}:${playlist.origin}:${JSON.stringify(playlist.items)}`}
            playlist={playlist}
            note={notes[playlist.name] ?? null}
            onNote={noteFor(playlist.name)}
            onError={onError}
            onChanged={changed}
          />
        ))}
        {drafts
          .filter((name) => !names.includes(name))
          .map((name) => (
            <PlaylistCard
              key={`draft:${name}`}
              playlist={{ name, origin: 'console', inFile: false, items: [{ screen: 'occupancy', params: {}, seconds: 15 }] }}
              draft
              note={notes[name] ?? null}
              onNote={noteFor(name)}
              onError={onError}
              onChanged={changed}
              onDiscard={() => setDrafts((d) => d.filter((n) => n !== name))}
            />
          ))}
      </div>
      <form className="staff-card staff-row" onSubmit={addNew}>
        <label className="staff-grow">
          New playlist name (letters, digits, _ -)
          <input value={newName} pattern="[A-Za-z0-9_\-]{1,40}" onChange={(e) => setNewName(e.target.value)} />
        </label>
        <button type="submit" disabled={!newName.trim() || names.includes(newName.trim())}>
          Add playlist
        </button>
      </form>
    </section>
  );
}

function PlaylistCard({
  playlist,
  draft = false,
  note,
  onNote,
  onError,
  onChanged,
  onDiscard,
}: {
  playlist: StaffPlaylist;
  draft?: boolean;
  note: string | null;
  onNote: (text: string) => void;
  onError: (e: unknown) => void;
  onChanged: () => void;
  onDiscard?: () => void;
}) {
  const [rows, setRows] = useState<Row[]>(() => playlist.items.map(toRow));
  const [by, setBy] = useState('');
  const set = (i: number, patch: Partial<Row>) => setRows((r) => r.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const move = (i: number, by: -1 | 1) =>
    setRows((r) => {
      const next = [...r];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      onNote(done);
      onChanged();
      onDiscard?.();
    } catch (failure) {
      onError(failure);
      onNote(describeError(failure));
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const body = { items: rows.map(toItem), ...(by.trim() ? { by: by.trim() } : {}) };
    void run(() => staffFetch(`/api/staff/playlists/${encodeURIComponent(playlist.name)}`, { method: 'PUT', body }), 'Saved: the screens playing it change now.');
  };
  const remove = () =>
    void run(() => staffFetch(`/api/staff/playlists/${encodeURIComponent(playlist.name)}`, { method: 'DELETE' }), playlist.inFile ? 'Back to the config file’s list.' : 'Removed.');
  const total = rows.reduce((sum, r) => sum + (Number(r.seconds) || 0), 0);
  const origin = draft ? 'new: not saved yet' : playlist.origin === 'console' ? (playlist.inFile ? 'edited here (replaces the config file’s)' : 'written here') : 'from the config file';
  return (
    <form className="staff-card staff-stack" onSubmit={save} data-testid={`playlist-${playlist.name}`}>
      <header className="staff-card__head">
        <h3>{playlist.name}</h3>
        <span className="staff-muted staff-small">
          {origin} · {rows.length} screens, {total} s a round
        </span>
      </header>
      <ol className="staff-playlist">
        {rows.map((row, i) => (
          <li key={i} className="staff-playlist__row">
            <select aria-label={`Screen ${i + 1}`} value={row.screen} onChange={(e) => set(i, { screen: e.target.value as PlaylistScreen })}>
              {PLAYLIST_SCREENS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <input aria-label={`Seconds ${i + 1}`} type="number" min={3} max={3600} value={row.seconds} onChange={(e) => set(i, { seconds: e.target.value })} />
            <input aria-label={`Options ${i + 1}`} placeholder="e.g. theme=light" value={row.params} onChange={(e) => set(i, { params: e.target.value })} />
            <span className="staff-playlist__buttons">
              <button type="button" className="staff-button--quiet" aria-label={`Move screen ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" className="staff-button--quiet" aria-label={`Move screen ${i + 1} down`} disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                ↓
              </button>
              <button type="button" className="staff-button--quiet" aria-label={`Remove screen ${i + 1}`} disabled={rows.length === 1} onClick={() => setRows((r) => r.filter((_, j) => j !== i))}>
                ✕
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="staff-actions">
        <button type="button" className="staff-button--quiet" onClick={() => setRows((r) => [...r, { screen: 'occupancy', params: '', seconds: '15' }])}>
          Add a screen
        </button>
        <label className="staff-grow">
          <span className="staff-small">Your name (optional)</span>
          <input value={by} onChange={(e) => setBy(e.target.value)} />
        </label>
      </div>
      <div className="staff-actions">
        <button type="submit">Save {playlist.name}</button>
        {draft ? (
          <button type="button" className="staff-button--quiet" onClick={onDiscard}>
            Discard
          </button>
        ) : playlist.origin === 'console' ? (
          <button type="button" className="staff-button--warn" onClick={remove}>
            {playlist.inFile ? 'Back to the file’s list' : 'Remove playlist'}
          </button>
        ) : null}
      </div>
      {note ? <p role="status">{note}</p> : null}
    </form>
  );
}
