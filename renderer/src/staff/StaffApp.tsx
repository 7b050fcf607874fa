import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { rooms } from '../../../shared/live.js';
import type { GatewayStatus } from '../../../shared/status.js';
import { useRoom } from '../live/useRoom.js';
import { useScreenConfig } from '../useScreenConfig.js';
import { Alerts } from './Alerts.js';
import { Challenges } from './Challenges.js';
import { Connections } from './Connections.js';
import { DeadLetters } from './DeadLetters.js';
import { FrontDesk } from './FrontDesk.js';
import { Gym } from './Gym.js';
import { Roster } from './Roster.js';
import { Screens } from './Screens.js';
import { SignIn } from './SignIn.js';
import { Wods } from './Wods.js';
import { SignedOut, staffFetch } from './staff-api.js';
import './staff.css';

export interface StaffPageProps {
  status: GatewayStatus | null;
  locationId: string;
  /** Call with any error: a SignedOut one shows the sign-in page. */
  onError: (error: unknown) => void;
}

const PAGES: Array<{ path: string; title: string; render: (props: StaffPageProps) => ReactNode }> = [
  { path: 'front-desk', title: 'Front desk', render: (p) => <FrontDesk {...p} /> },
  { path: 'connections', title: 'Connections', render: (p) => <Connections {...p} /> },
  { path: 'dead-letters', title: 'Dead letters', render: (p) => <DeadLetters {...p} /> },
  { path: 'alerts', title: 'Alerts', render: (p) => <Alerts {...p} /> },
  { path: 'wods', title: 'WODs', render: (p) => <Wods {...p} /> },
  { path: 'challenges', title: 'Challenges', render: (p) => <Challenges {...p} /> },
  { path: 'roster', title: 'Roster', render: (p) => <Roster {...p} /> },
  { path: 'gym', title: 'Gym', render: (p) => <Gym {...p} /> },
  { path: 'screens', title: 'Screens', render: (p) => <Screens {...p} /> },
];

function pageFromPath(pathname: string) {
  const name = pathname.replace(/^\/staff\/?/, '').replace(/\/+$/, '');
  return PAGES.find((p) => p.path === name) ?? PAGES[0]!;
}

/** The staff console at /staff: sign in with the PIN, then the pages, live from the staff room. */
export function StaffApp() {
  const { config } = useScreenConfig();
  const [signedIn, setSignedIn] = useState<boolean | null>(null);

  useEffect(() => {
    staffFetch('/api/staff/front-desk/today').then(
      () => setSignedIn(true),
      () => setSignedIn(false),
    );
  }, []);

  if (signedIn === null) return <main className="staff-signin"><p className="staff-muted">Loading…</p></main>;
  // A fresh page after signing in: the live connection then carries the new session cookie.
  if (!signedIn) return <SignIn locationName={config?.locationName ?? null} onSignedIn={() => window.location.reload()} />;
  if (!config) return <main className="staff-signin"><p className="staff-muted">Waiting for the gateway…</p></main>;
  return <Shell locationId={config.locationId} locationName={config.locationName} onSignedOut={() => setSignedIn(false)} />;
}

function Shell({ locationId, locationName, onSignedOut }: { locationId: string; locationName: string; onSignedOut: () => void }) {
  const [page, setPage] = useState(() => pageFromPath(window.location.pathname));
  const live = useRoom('staff', rooms.staff(locationId), { token: null });
  useEffect(() => {
    const onPop = () => setPage(pageFromPath(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    document.title = `${page.title} · Staff · Floorgate`;
  }, [page]);
  const onError = useCallback(
    (error: unknown) => {
      if (error instanceof SignedOut) onSignedOut();
    },
    [onSignedOut],
  );
  const go = (path: string) => {
    window.history.pushState(null, '', `/staff/${path}`);
    setPage(pageFromPath(`/staff/${path}`));
  };
  const signOut = async () => {
    await staffFetch('/api/staff/session', { method: 'DELETE' }).catch(() => undefined);
    window.location.reload();
  };
  const status = live.data;
  const alertCount = status?.alerts.length ?? 0;
  const deadCount = status?.queue.deadLetters ?? 0;
  return (
    <div className="staff">
      <header className="staff-bar">
        <strong className="staff-bar__title">{locationName} · Staff</strong>
        <nav aria-label="Console pages">
          {PAGES.map((p) => (
            <a
              key={p.path}
              href={`/staff/${p.path}`}
              aria-current={p === page ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(p.path);
              }}
            >
              {p.title}
              {p.path === 'alerts' && alertCount > 0 ? <span className="staff-badge staff-badge--bad">{alertCount}</span> : null}
              {p.path === 'dead-letters' && deadCount > 0 ? <span className="staff-badge">{deadCount}</span> : null}
            </a>
          ))}
        </nav>
        <span className={`staff-live ${live.connected ? 'staff-live--on' : ''}`} data-testid="staff-live">
          {live.connected ? 'Live' : live.error ? `Not live: ${live.error}` : 'Connecting…'}
        </span>
        <button type="button" className="staff-button--quiet" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main className="staff-page" data-page={page.path}>
        <h1>{page.title}</h1>
        {page.render({ status, locationId, onError })}
      </main>
    </div>
  );
}
