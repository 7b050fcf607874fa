import { useEffect, useState } from 'react';
import { formatClock } from '../api.js';

export interface ConnectionBannerProps {
  connected: boolean;
  lastMessageAt: number | null;
  /** Why things are not working, when we know (join refused, config not loadable…). */
  detail?: string | null;
}

/** Before the first connection, wait this long before calling it a problem (avoids a flash on load). */
const STARTUP_GRACE_MS = 3000;

/**
 * Says so, visibly, when the screen is not live. With data: "Reconnecting… showing data from HH:MM"
 * (the screen keeps showing that data). Without: after a short grace period, that we cannot reach
 * the gateway yet.
 */
export function ConnectionBanner({ connected, lastMessageAt, detail }: ConnectionBannerProps) {
  const [graceOver, setGraceOver] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setGraceOver(true), STARTUP_GRACE_MS);
    return () => clearTimeout(timer);
  }, []);

  if (connected) return null;
  if (lastMessageAt === null && !graceOver) return null;

  const text =
    lastMessageAt === null
      ? 'Waiting for the gateway… retrying'
      : `Reconnecting… showing data from ${formatClock(lastMessageAt)}`;
  return (
    <div className="connection-banner" role="status" aria-live="polite" data-testid="connection-banner">
      <span className="connection-banner__dot" aria-hidden="true" />
      <span>{text}</span>
      {detail ? <span className="connection-banner__detail">({detail})</span> : null}
    </div>
  );
}
