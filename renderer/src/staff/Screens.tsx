import { useEffect, useState } from 'react';
import { PLAYLIST_SCREENS } from '../../../shared/screens.js';
import type { StaffScreensAnswer } from '../../../shared/staff.js';
import { QrCode } from '../components/QrCode.js';
import { ClassControl } from './ClassControl.js';
import { PlaylistEditor } from './PlaylistEditor.js';
import { describeError, staffFetch } from './staff-api.js';
import type { StaffPageProps } from './StaffApp.js';

const WIDGETS = ['leaderboard', 'daily-wod', 'achievements', 'equipment-status'];

/** Class mode's start and stop, then every screen and widget with its addresses and QR codes, then the playlists. */
export function Screens(props: StaffPageProps) {
  return (
    <>
      <ClassControl {...props} />
      <ScreenUrls {...props} />
    </>
  );
}

/**
 * Every screen and widget with the box's addresses and a QR code each: a TV is set up by scanning the code with a
 * phone and casting, or by typing the address. The entrance's carries the kiosk token, so this page is staff only.
 * Below: the playlists, editable.
 */
function ScreenUrls(props: StaffPageProps) {
  const { onError } = props;
  const [answer, setAnswer] = useState<StaffScreensAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [base, setBase] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    staffFetch<StaffScreensAnswer>('/api/staff/screens').then(
      (a) => {
        setAnswer(a);
        setBase((current) => (current && a.baseUrls.includes(current) ? current : (a.baseUrls[0] ?? null)));
      },
      (failure: unknown) => {
        onError(failure);
        setError(describeError(failure));
      },
    );
  }, [onError, version]);
  if (error) return <p className="staff-error">{error}</p>;
  if (!answer || !base) return <p className="staff-muted">Loading…</p>;
  const rows: Array<{ what: string; path: string; note?: string }> = [
    { what: 'Entrance (check-in)', path: `/screen/entrance?token=${encodeURIComponent(answer.kioskToken)}`, note: 'Carries the kiosk token: only for the gym’s own entrance screen. Do not share this code.' },
    ...PLAYLIST_SCREENS.map((s) => ({ what: `Screen: ${s}`, path: `/screen/${s}` })),
    { what: 'Screen: class mode', path: '/screen/class' },
    ...answer.playlists.map((p) => ({ what: `Playlist: ${p}`, path: `/screen/playlist?name=${encodeURIComponent(p)}` })),
    ...WIDGETS.map((w) => ({ what: `Widget: ${w}`, path: `/widgets/${w}` })),
  ];
  const onLoopback = /^http:\/\/(localhost|127\.|\[::1\])/.test(base);
  return (
    <div className="staff-stack">
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
        <p className="staff-small staff-muted">
          {onLoopback
            ? 'This address works on the box itself only: pick a LAN address for a TV or tablet.'
            : 'Scan a code with a phone on the gym’s network to open that screen, or type the address into a TV’s browser or a kiosk’s config.'}
        </p>
        <ul className="staff-screens" data-testid="screen-urls">
          {rows.map((row) => (
            <li key={row.path} className="staff-screens__item" data-testid="screen-url">
              <QrCode text={`${base}${row.path}`} size={112} />
              <div className="staff-screens__text">
                <strong>{row.what}</strong>
                <a href={`${base}${row.path}`} target="_blank" rel="noreferrer" className="staff-url">
                  {base}
                  {row.path}
                </a>
                {row.note ? <span className="staff-small staff-bad">{row.note}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <PlaylistEditor {...props} onChanged={() => setVersion((v) => v + 1)} />
    </div>
  );
}
