import { useEffect, useState } from 'react';
import { PLAYLIST_SCREENS } from '../../../shared/screens.js';
import type { StaffScreensAnswer } from '../../../shared/staff.js';
import { ClassControl } from './ClassControl.js';
import { describeError, staffFetch } from './staff-api.js';
import type { StaffPageProps } from './StaffApp.js';

const WIDGETS = ['leaderboard', 'daily-wod', 'achievements', 'equipment-status'];

/** Every screen and widget with the box's addresses, to type into a TV's browser or a kiosk's config. */
export function Screens(props: StaffPageProps) {
  return (
    <>
      <ClassControl {...props} />
      <ScreenUrls {...props} />
    </>
  );
}

function ScreenUrls({ onError }: StaffPageProps) {
  const [answer, setAnswer] = useState<StaffScreensAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [base, setBase] = useState<string | null>(null);
  useEffect(() => {
    staffFetch<StaffScreensAnswer>('/api/staff/screens').then(
      (a) => {
        setAnswer(a);
        setBase(a.baseUrls[0] ?? null);
      },
      (failure: unknown) => {
        onError(failure);
        setError(describeError(failure));
      },
    );
  }, [onError]);
  if (error) return <p className="staff-error">{error}</p>;
  if (!answer || !base) return <p className="staff-muted">Loading…</p>;
  const rows: Array<{ what: string; path: string; note?: string }> = [
    { what: 'Entrance (check-in)', path: `/screen/entrance?token=${encodeURIComponent(answer.kioskToken)}`, note: 'carries the kiosk token: only on the gym’s own entrance screen' },
    ...PLAYLIST_SCREENS.map((s) => ({ what: `Screen: ${s}`, path: `/screen/${s}` })),
    { what: 'Screen: class mode', path: '/screen/class' },
    ...answer.playlists.map((p) => ({ what: `Playlist: ${p}`, path: `/screen/playlist?name=${encodeURIComponent(p)}` })),
    ...WIDGETS.map((w) => ({ what: `Widget: ${w}`, path: `/widgets/${w}` })),
  ];
  return (
    <section className="staff-card">
      <label className="staff-row">
        <span>Address of this box</span>
        <select value={base} onChange={(e) => setBase(e.target.value)} aria-label="Address of this box">
          {answer.baseUrls.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </label>
      <p className="staff-small staff-muted">Open these on a TV, tablet or kiosk on the gym’s network. QR codes are not built yet.</p>
      <table className="staff-table" data-testid="screen-urls">
        <tbody>
          {rows.map((row) => (
            <tr key={row.path}>
              <td>{row.what}</td>
              <td>
                <a href={`${base}${row.path}`} target="_blank" rel="noreferrer" className="staff-url">
                  {base}
                  {row.path}
                </a>
                {row.note ? <div className="staff-small staff-muted">{row.note}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
