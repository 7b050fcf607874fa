import { EFFORT_POINTS_PER_MINUTE, type ClassRoomState } from '../../../shared/classes.js';
import { rooms } from '../../../shared/live.js';
import { formatClock, type UrlOptions } from '../api.js';
import { ClassTileView } from '../components/ClassTileView.js';
import { useRoom } from '../live/useRoom.js';
import { useScreenSetup } from '../useScreenConfig.js';
import { ScreenFrame } from './ScreenFrame.js';
import { gridFor, useAreaSize } from './tile-grid.js';

const POINTS_RULE = EFFORT_POINTS_PER_MINUTE.map((points, zone) => (points > 0 ? `zone ${zone} = ${points}` : null))
  .filter(Boolean)
  .join(' · ');

function Running({ current }: { current: NonNullable<ClassRoomState['current']> }) {
  const { area, size } = useAreaSize();
  const grid = gridFor(Math.max(current.tiles.length, 1), size.width, size.height);
  return (
    <>
      <header className="classmode__bar">
        <h1 className="classmode__title" data-testid="class-title">
          {current.title}
        </h1>
        {current.coach ? <span className="classmode__coach">Coach {current.coach}</span> : null}
        <span className="classmode__left" data-testid="class-time-left">
          {current.minutesLeft} min left
        </span>
        <span className="classmode__total" data-testid="class-total">
          <b>{current.totalPoints}</b> points
        </span>
      </header>
      <div className="classmode__area" ref={area}>
        {current.tiles.length > 0 ? (
          <div className="classmode__grid" style={{ gridTemplateColumns: `repeat(${grid.cols}, 1fr)`, gridTemplateRows: `repeat(${grid.rows}, 1fr)` }}>
            {current.tiles.map((tile) => (
              <ClassTileView key={tile.key} tile={tile} />
            ))}
          </div>
        ) : (
          <p className="classmode__none">Check in and wear your strap: your tile appears here.</p>
        )}
      </div>
      <footer className="classmode__rule">Strip: minutes in zones 1–5 · effort points a minute: {POINTS_RULE}</footer>
    </>
  );
}

function Between({ state }: { state: ClassRoomState }) {
  const summary = state.lastSummary;
  return (
    <div className="classmode__between">
      <h1 className="classmode__title">No class running</h1>
      {state.next ? (
        <p className="classmode__next" data-testid="class-next">
          Next: {state.next.title} at {formatClock(state.next.startsAt)}
        </p>
      ) : null}
      {summary ? (
        <div className="classmode__summary" data-testid="class-summary">
          <h2>{summary.title}</h2>
          <p>
            <b>{summary.totalPoints}</b> points from {summary.members} {summary.members === 1 ? 'member' : 'members'}
          </p>
          {summary.top ? (
            <p data-testid="class-summary-top">
              Top effort: {summary.top.displayName ?? 'a member'}, <b>{summary.top.points}</b> points
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** `/screen/class`: class mode, switched on by the schedule or by staff; between classes, the next one and the last summary. */
export function ClassMode({ url }: { url: UrlOptions }) {
  const setup = useScreenSetup(url);
  const { locationId } = setup;
  const live = useRoom('class', locationId === null ? null : rooms.class(locationId), { token: url.token });
  const state = live.data;
  return (
    <ScreenFrame
      className="class-mode"
      locationName={setup.locationName}
      live={{ connected: live.connected, lastMessageAt: live.lastMessageAt, detail: live.error ?? setup.error }}
      dataAttributes={{ 'data-class': state?.current ? 'running' : 'none' }}
    >
      <section className="panel panel--class" data-testid="class-screen">
        {state === null ? <p className="classmode__none">Waiting for the gateway…</p> : state.current ? <Running current={state.current} /> : <Between state={state} />}
      </section>
    </ScreenFrame>
  );
}
