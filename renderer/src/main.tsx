import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { isUnknownPage, type PlaylistScreen } from '../../shared/screens.js';
import type { LanAddresses } from '../../shared/lan-addresses.js';
import { QrCode } from './components/QrCode.js';
import { publicBase, publicSearch } from './public-urls.js';
import { useScreenConfig } from './useScreenConfig.js';
import { DemoMark } from './components/DemoMark.js';
import { useActiveChallenge } from './live/useActiveChallenge.js';
import { getJson, readUrlOptions, type UrlOptions } from './api.js';
import { Achievements } from './screens/Achievements.js';
import { ClassMode } from './screens/ClassMode.js';
import { Entrance } from './screens/Entrance.js';
import { Equipment } from './screens/Equipment.js';
import { Leaderboard } from './screens/Leaderboard.js';
import { Occupancy } from './screens/Occupancy.js';
import { Playlist } from './screens/Playlist.js';
import { Schedule } from './screens/Schedule.js';
import { WodScreen } from './screens/WodScreen.js';
import { StaffApp } from './staff/StaffApp.js';
import { AchievementsWidget, DailyWodWidget, EquipmentStatusWidget, LeaderboardWidget } from './widgets/widgets.js';
import './styles.css';

interface PageEntry {
  path: string;
  title: string;
  description: string;
  /** Extra parameters worth knowing, for the index. */
  params?: string;
  render: (url: UrlOptions) => ReactNode;
}

/** What a playlist can show (the entrance takes input: it is not one of them). */
const playlistScreens: Record<PlaylistScreen, (url: UrlOptions) => ReactNode> = {
  leaderboard: (url) => <Leaderboard url={url} />,
  wod: (url) => <WodScreen url={url} />,
  equipment: (url) => <Equipment url={url} />,
  achievements: (url) => <Achievements url={url} />,
  occupancy: (url) => <Occupancy url={url} />,
  schedule: (url) => <Schedule url={url} />,
};

const screens: PageEntry[] = [
  {
    path: '/screen/entrance',
    title: 'Entrance',
    description: 'Badge check-in at the door: welcome, today’s workout, or why not.',
    render: (url) => <Entrance url={url} />,
  },
  {
    path: '/screen/occupancy',
    title: 'Occupancy',
    description: 'How many members are in the gym now, today’s peak, against capacity.',
    render: playlistScreens.occupancy,
  },
  {
    path: '/screen/leaderboard',
    title: 'Leaderboard',
    description: 'A challenge’s board, live: divisions side by side, ranks moving as workouts finish.',
    params: 'challenge, division, limit',
    render: playlistScreens.leaderboard,
  },
  { path: '/screen/wod', title: 'WOD', description: 'Today’s workout, large.', render: playlistScreens.wod },
  {
    path: '/screen/equipment',
    title: 'Equipment',
    description: 'A live tile per machine and strap: who, pace / watts / cadence, heart-rate zone.',
    params: 'limit (tiles per page)',
    render: playlistScreens.equipment,
  },
  { path: '/screen/achievements', title: 'Achievements', description: 'This week’s personal records and goals reached.', render: playlistScreens.achievements },
  { path: '/screen/schedule', title: 'Schedule', description: 'Today’s classes: what runs now, what is next.', render: playlistScreens.schedule },
  {
    path: '/screen/class',
    title: 'Class mode',
    description: 'The class running now (from the schedule, or started by staff): a zone-coloured tile per member with a strap, minutes per zone, effort points.',
    render: (url) => <ClassMode url={url} />,
  },
  {
    path: '/screen/playlist',
    title: 'Playlist',
    description: 'Rotates screens as configured in screens.playlists of the gateway config.',
    params: 'name',
    render: (url) => <Playlist url={url} renderScreen={(screen, itemUrl) => playlistScreens[screen](itemUrl)} />,
  },
];

const widgets: PageEntry[] = [
  { path: '/widgets/leaderboard', title: 'Leaderboard widget', description: 'Refreshes every 5 min.', params: 'challenge, limit, division', render: (url) => <LeaderboardWidget url={url} /> },
  { path: '/widgets/daily-wod', title: 'Daily WOD widget', description: 'Refreshes every 15 min.', render: (url) => <DailyWodWidget url={url} /> },
  { path: '/widgets/achievements', title: 'Achievements widget', description: 'Refreshes every minute.', params: 'limit', render: (url) => <AchievementsWidget url={url} /> },
  { path: '/widgets/equipment-status', title: 'Equipment status widget', description: 'Refreshes every 30 s.', params: 'limit', render: (url) => <EquipmentStatusWidget url={url} /> },
];

function PageList({ entries, search, base, qr = false }: { entries: PageEntry[]; search: string; base: string; qr?: boolean }) {
  return (
    <ul className={`index-page__list${qr ? ' index-page__list--qr' : ''}`}>
      {entries.map((entry) => (
        <li key={entry.path}>
          <a href={`${entry.path}${search}`}>{entry.title}</a>
          <code className="index-page__url">{`${base}${entry.path}${search}`}</code>
          <span className="index-page__what">{entry.description}</span>
          {qr ? <QrCode text={`${base}${entry.path}${search}`} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Where the box answers on the gym's network; null until read (or if the read fails: the page's own address stands). */
function useLanAddresses(): LanAddresses | null {
  const [lan, setLan] = useState<LanAddresses | null>(null);
  useEffect(() => {
    getJson<LanAddresses>('/api/lan-addresses').then(setLan, () => setLan(null));
  }, []);
  return lan;
}

/**
 * `/`: the screens on this box with the address to type into a TV and a QR code for a phone, the box's LAN
 * addresses, and what challenges run now. Public: no link or code here carries the kiosk token.
 */
function ScreenIndex({ search: pageSearch, gymName }: { search: string; gymName: string | null }) {
  const { running } = useActiveChallenge(null);
  const lan = useLanAddresses();
  const search = publicSearch(pageSearch);
  const base = publicBase(window.location, lan);
  return (
    <div className="index-page" data-testid="screen-index">
      <h1>Screens on this box{gymName ? ` · ${gymName}` : ''}</h1>
      <p className="index-page__hint">Open an address on any TV or browser in the gym, or scan its code; each screen fills the display by itself.</p>
      {lan && lan.addresses.length > 0 ? (
        <section className="index-page__lan" data-testid="index-addresses">
          <h2>This box on the network</h2>
          <ul className="index-page__addresses">
            {lan.addresses.map((a) => (
              <li key={a.url}>
                <code className="index-page__address">{a.url}</code>
                <span>
                  {a.interface} · {a.family}
                </span>
              </li>
            ))}
          </ul>
          {lan.reachableFromLan ? null : (
            <p className="index-page__warning" data-testid="index-loopback-only" role="note">
              The gateway listens on {lan.listeningOn} only: these addresses answer once it is started with HOST=0.0.0.0.
            </p>
          )}
        </section>
      ) : null}
      <h2>Screens</h2>
      <PageList entries={screens} search={search} base={base} qr />
      {running && running.length > 0 ? (
        <>
          <h2>Challenges running now</h2>
          <ul className="index-page__list" data-testid="index-challenges">
            {running.map((c) => (
              <li key={c.id}>
                <a href={`/screen/leaderboard?challenge=${encodeURIComponent(c.id)}`}>{c.name}</a>
                <span className="index-page__what">until {new Date(c.endsAt).toLocaleDateString()}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Widgets for the gym’s website</h2>
      <PageList entries={widgets} search={search} base={base} />
      <p className="index-page__hint">
        Options: <code>?theme=light</code>, <code>orientation=portrait</code>. Kiosks that check members in need the
        box’s kiosk token; staff find the entrance’s full address and code in the staff console.
      </p>
    </div>
  );
}

/** A `/screen/…` name this box does not have: say so, and name the screens there are (the server answers 404 too). */
function NotFound({ pathname, search }: { pathname: string; search: string }) {
  return (
    <div className="index-page index-page--404" data-testid="not-found">
      <h1>There is no screen “{pathname.split('/').filter(Boolean).slice(1).join('/')}” on this box</h1>
      <p className="index-page__hint">These are the screens it has:</p>
      <ul className="not-found__list">
        {screens.map((entry) => (
          <li key={entry.path}>
            <a href={`${entry.path}${search}`}>{entry.title}</a>
            <code>{entry.path}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function App() {
  const pathname = window.location.pathname.replace(/\/+$/, '') || '/';
  if (pathname === '/staff' || pathname.startsWith('/staff/')) {
    document.documentElement.dataset.screen = 'staff';
    return <StaffApp />;
  }
  const page = [...screens, ...widgets].find((s) => s.path === pathname);
  const url = readUrlOptions();
  const gymName = useScreenConfig().config?.locationName ?? null;
  const root = document.documentElement;
  const title = page ? page.title : isUnknownPage(pathname) ? 'Not found' : 'Screens';
  useEffect(() => {
    document.title = gymName ? `${title} · ${gymName}` : `${title} · Floorgate`;
  }, [title, gymName]);
  root.dataset.screen = page ? page.path.split('/').slice(1).join('-') : 'index';
  root.dataset.theme = url.theme;
  if (url.orientation) root.dataset.orientation = url.orientation;
  return (
    <>
      {page ? page.render(url) : isUnknownPage(pathname) ? <NotFound pathname={pathname} search={window.location.search} /> : <ScreenIndex search={window.location.search} gymName={gymName} />}
      <DemoMark />
    </>
  );
}

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('#root is missing from index.html');
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
