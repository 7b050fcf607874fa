import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { readUrlOptions, type UrlOptions } from './api.js';
import { Entrance } from './screens/Entrance.js';
import { Occupancy } from './screens/Occupancy.js';
import './styles.css';

interface ScreenEntry {
  path: string;
  title: string;
  description: string;
  render: (url: UrlOptions) => ReactNode;
}

const screens: ScreenEntry[] = [
  {
    path: '/screen/entrance',
    title: 'Entrance',
    description: 'Badge check-in at the door: welcome, today’s workout, or why not.',
    render: (url) => <Entrance url={url} />,
  },
  {
    path: '/screen/occupancy',
    title: 'Occupancy',
    description: 'How many members are in the gym now, against capacity.',
    render: (url) => <Occupancy url={url} />,
  },
];

function ScreenIndex({ search }: { search: string }) {
  return (
    <div className="index-page" data-testid="screen-index">
      <h1>Floorgate screens</h1>
      <ul>
        {screens.map((screen) => (
          <li key={screen.path}>
            <a href={`${screen.path}${search}`}>{screen.title}</a>
            <span>{screen.description}</span>
          </li>
        ))}
      </ul>
      <p className="index-page__hint">
        Add <code>?location=&lt;id&gt;</code> to show another location, <code>&amp;token=&lt;kiosk token&gt;</code> for a
        kiosk that must authenticate.
      </p>
    </div>
  );
}

function App() {
  const pathname = window.location.pathname.replace(/\/+$/, '') || '/';
  const screen = screens.find((s) => s.path === pathname);
  document.title = screen ? `${screen.title} · Floorgate` : 'Floorgate';
  document.documentElement.dataset.screen = screen ? screen.title.toLowerCase() : 'index';
  return screen ? screen.render(readUrlOptions()) : <ScreenIndex search={window.location.search} />;
}

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
