import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { PlaylistScreen } from '../../shared/screens.js';
import { readUrlOptions, type UrlOptions } from './api.js';
import { Achievements } from './screens/Achievements.js';
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

function ScreenIndex({ search }: { search: string }) {
  const list = (entries: PageEntry[]) => (
    <ul>
      {entries.map((entry) => (
        <li key={entry.path}>
          <a href={`${entry.path}${search}`}>{entry.title}</a>
          <span>
            {entry.description}
            {entry.params ? <em> Parameters: {entry.params}.</em> : null}
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="index-page" data-testid="screen-index">
      <h1>Floorgate screens</h1>
      {list(screens)}
      <h2>Widgets (embeddable)</h2>
      {list(widgets)}
      <p className="index-page__hint">
        Every page takes <code>?location=&lt;id&gt;</code>, <code>theme=dark|light</code> and{' '}
        <code>orientation=landscape|portrait</code>; add <code>token=&lt;kiosk token&gt;</code> for a kiosk that must
        authenticate.
      </p>
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
  const root = document.documentElement;
  document.title = page ? `${page.title} · Floorgate` : 'Floorgate';
  root.dataset.screen = page ? page.path.split('/').slice(1).join('-') : 'index';
  root.dataset.theme = url.theme;
  if (url.orientation) root.dataset.orientation = url.orientation;
  return page ? page.render(url) : <ScreenIndex search={window.location.search} />;
}

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('#root is missing from index.html');
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
