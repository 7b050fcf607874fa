import { useCallback, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { formatClock } from '../api.js';
import { ConnectionBanner, type ConnectionBannerProps } from '../live/ConnectionBanner.js';
import { useNow } from '../live/useNow.js';

export interface ScreenFrameProps {
  className: string;
  locationName: string | null;
  live: ConnectionBannerProps;
  /** Extra attributes for tests and kiosk tooling (`data-*`). */
  dataAttributes?: Record<`data-${string}`, string>;
  /** Changes whenever the stage's content does, so it is fitted again. */
  contentKey?: unknown;
  /** The floor's words for what this screen cannot refresh ("Upstairs box unreachable since 12:03 — …"); null: none. */
  floorNotice?: string | null;
  children: ReactNode;
}

/** Common chrome of a floor screen: connection banner, top bar (location, clock), stage. */
export function ScreenFrame({ className, locationName, live, dataAttributes, contentKey, floorNotice = null, children }: ScreenFrameProps) {
  const liveState = live.connected ? 'live' : live.lastMessageAt === null ? 'waiting' : 'reconnecting';
  const stage = useRef<HTMLElement>(null);
  const content = useRef<HTMLDivElement>(null);
  useFitToStage(stage, content, contentKey);

  return (
    <div className={`screen ${className}`} data-live={liveState} data-last-message-at={live.lastMessageAt ?? undefined} {...dataAttributes}>
      <ConnectionBanner {...live} />
      <header className="topbar">
        <span className="topbar__location">{locationName ?? 'Floorgate'}</span>
        <Clock />
      </header>
      {floorNotice !== null ? (
        <div className="floor-notice" role="status" aria-live="polite" data-testid="floor-notice">
          {floorNotice}
        </div>
      ) : null}
      <main className="stage" ref={stage}>
        <div className="stage__content" ref={content}>
          {children}
        </div>
      </main>
    </div>
  );
}

function Clock() {
  const now = useNow(1000);
  return <span className="topbar__clock">{formatClock(now)}</span>;
}

/**
 * Long texts (a denial reason, a ten-line WOD) must not be clipped: shrink the stage's type, via the
 * CSS variable `--fit` (1 = designed size) that the panel font sizes are multiplied by, until the
 * content fits. Runs before paint, so nothing flickers.
 * One ResizeObserver for the stage's life: a new one per content change would fit again inside the frame that
 * paints the new content (its first callback comes just before paint), a second round of style and layout
 * on the entrance's keystroke → result path.
 */
function useFitToStage(
  stage: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
  contentKey: unknown,
) {
  const fit = useCallback(() => {
    const stageEl = stage.current;
    const contentEl = content.current;
    if (!stageEl || !contentEl) return;
    const style = getComputedStyle(stageEl);
    const available = stageEl.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    let scale = 1;
    contentEl.style.setProperty('--fit', '1');
    for (let i = 0; i < 8 && contentEl.scrollHeight > available && scale > 0.4; i++) {
      scale = Math.max(0.4, scale * Math.max(0.8, Math.min(0.97, available / contentEl.scrollHeight)));
      contentEl.style.setProperty('--fit', scale.toFixed(3));
    }
  }, [stage, content]);

  useLayoutEffect(() => {
    const stageEl = stage.current;
    if (!stageEl) return;
    const observer = new ResizeObserver(() => fit());
    observer.observe(stageEl);
    return () => observer.disconnect();
  }, [stage, fit]);

  useLayoutEffect(fit, [fit, contentKey]);
}
