import { useMemo } from 'react';
import type { WodAnswer } from '../../../shared/screens.js';
import type { UrlOptions } from '../api.js';
import { WodPanel } from '../components/WodCard.js';
import { usePolled } from '../live/usePolled.js';
import { useToday } from '../live/useToday.js';
import { useScreenSetup } from '../useScreenConfig.js';
import { ScreenFrame } from './ScreenFrame.js';

/** How often the WOD screen looks again (a coach may post a change; the day turns over at midnight). */
export const WOD_REFRESH_MS = 5 * 60_000;

export function wodPath(locationId: string | null, date: string): string | null {
  return locationId === null ? null : `/api/wod?${new URLSearchParams({ location: locationId, date })}`;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** `/screen/wod`: today's workout, large, and what tomorrow brings. */
export function WodScreen({ url }: { url: UrlOptions }) {
  const setup = useScreenSetup(url);
  const today = useToday();
  const polled = usePolled<WodAnswer>(wodPath(setup.locationId, today), WOD_REFRESH_MS);
  const tomorrow = usePolled<WodAnswer>(wodPath(setup.locationId, nextDay(today)), WOD_REFRESH_MS).data?.wod ?? null;
  const answer = polled.data;
  // Both answers shape the stage: tomorrow's line often arrives after today's workout was fitted.
  const content = useMemo(() => ({ answer, tomorrow }), [answer, tomorrow]);
  return (
    <ScreenFrame
      className="wod-screen"
      locationName={setup.locationName}
      live={{ connected: polled.connected, lastMessageAt: polled.lastMessageAt, detail: polled.error ?? setup.error }}
      contentKey={content}
    >
      <section className="panel panel--wod" data-testid="wod-screen">
        {answer?.wod ? (
          <>
            <WodPanel wod={answer.wod} />
            {tomorrow ? (
              <p className="wod-screen__next" data-testid="wod-tomorrow">
                Tomorrow: <strong>{tomorrow.restDay ? 'Rest day' : tomorrow.title}</strong>
              </p>
            ) : null}
          </>
        ) : (
          <>
            <h1 className="headline headline--medium">{answer ? 'No workout posted for today' : 'Waiting for the gateway…'}</h1>
            {answer ? <p className="subline">Ask a coach, or check the app.</p> : null}
          </>
        )}
      </section>
    </ScreenFrame>
  );
}
