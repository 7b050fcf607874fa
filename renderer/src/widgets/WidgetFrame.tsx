import type { ReactNode } from 'react';
import { formatClock } from '../api.js';

export interface WidgetFrameProps {
  name: string;
  title: string;
  connected: boolean;
  lastMessageAt: number | null;
  children: ReactNode;
}

/**
 * A widget: a small self-contained page for an iframe on another site (the gym's website, a digital-signage
 * player). No top bar; a footer says when the data is from, and says so plainly when it could not be refreshed.
 */
export function WidgetFrame({ name, title, connected, lastMessageAt, children }: WidgetFrameProps) {
  const liveState = connected ? 'live' : lastMessageAt === null ? 'waiting' : 'reconnecting';
  return (
    <div className={`widget widget--${name}`} data-live={liveState} data-testid="widget">
      <h1 className="widget__title">{title}</h1>
      <div className="widget__body">{children}</div>
      <footer className={`widget__foot${connected ? '' : ' widget__foot--stale'}`} data-testid="widget-foot">
        {lastMessageAt === null
          ? 'Loading…'
          : connected
            ? `Updated ${formatClock(lastMessageAt)}`
            : `Could not refresh: showing data from ${formatClock(lastMessageAt)}`}
      </footer>
    </div>
  );
}
