import type { CSSProperties } from 'react';
import type { ScheduleAnswer, ScheduledClass } from '../../../shared/screens.js';
import { formatClock, type UrlOptions } from '../api.js';
import { useNow } from '../live/useNow.js';
import { usePolled } from '../live/usePolled.js';
import { useToday } from '../live/useToday.js';
import { useScreenSetup } from '../useScreenConfig.js';
import { ScreenFrame } from './ScreenFrame.js';

type ClassState = 'done' | 'now' | 'next' | 'later';

function statesOf(classes: ScheduledClass[], now: number): ClassState[] {
  let nextGiven = false;
  return classes.map((c) => {
    if (Date.parse(c.end) <= now) return 'done';
    if (Date.parse(c.start) <= now) return 'now';
    if (!nextGiven) {
      nextGiven = true;
      return 'next';
    }
    return 'later';
  });
}

/** `/screen/schedule`: today's classes from the configured ICS feed; what runs now and what is next. */
export function Schedule({ url }: { url: UrlOptions }) {
  const setup = useScreenSetup(url);
  const today = useToday();
  const polled = usePolled<ScheduleAnswer>(`/api/schedule?date=${today}`, 60_000);
  const now = useNow(30_000);
  const answer = polled.data;
  const classes = answer?.classes ?? [];
  const states = statesOf(classes, now);
  // Keep what is current on screen: drop finished classes beyond the last two.
  const firstShown = Math.max(0, states.lastIndexOf('done') - 1);
  const shown = classes.slice(firstShown, firstShown + (url.limit ?? 8));
  const day = new Date(`${today}T12:00:00`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long' });

  return (
    <ScreenFrame
      className="schedule"
      locationName={setup.locationName}
      live={{ connected: polled.connected, lastMessageAt: polled.lastMessageAt, detail: polled.error ?? setup.error }}
      contentKey={answer}
    >
      <section className="panel panel--schedule" data-testid="schedule">
        <h1 className="schedule__title">
          Classes today <span className="schedule__day">{day}</span>
        </h1>
        {answer === null ? (
          <p className="subline">Waiting for the gateway…</p>
        ) : answer.source === null ? (
          <p className="subline" data-testid="schedule-none">No class schedule is set up for this screen.</p>
        ) : classes.length === 0 ? (
          <p className="subline" data-testid="schedule-none">
            {answer.source.error && !answer.source.fetchedAt ? 'The class schedule could not be read.' : 'No classes today.'}
          </p>
        ) : (
          // --rows: the type shrinks so that a full day fits (styles.css, .class).
          <ol className="schedule__list" style={{ '--rows': shown.length } as CSSProperties}>
            {shown.map((c, i) => {
              const state = states[firstShown + i]!;
              return (
                <li key={c.id} className={`class class--${state}`} data-testid="schedule-class" data-state={state}>
                  <span className="class__time">
                    {formatClock(c.start)}–{formatClock(c.end)}
                  </span>
                  <span className="class__title">{c.title}</span>
                  <span className="class__meta">{[c.coach, c.room].filter(Boolean).join(' · ')}</span>
                  {state === 'now' || state === 'next' ? <span className="class__tag">{state === 'now' ? 'Now' : 'Next'}</span> : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </ScreenFrame>
  );
}
