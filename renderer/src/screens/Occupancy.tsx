import { rooms } from '../../../shared/live.js';
import type { OccupancyByHour, OccupancyState } from '../../../shared/occupancy.js';
import { VisitsByHour } from '../components/VisitsByHour.js';
import { usePolled } from '../live/usePolled.js';
import { formatClock, type UrlOptions } from '../api.js';
import { useRoom } from '../live/useRoom.js';
import { countNote, floorAttribute } from '../floor/floor-words.js';
import { useFloor } from '../floor/useFloor.js';
import { useScreenSetup } from '../useScreenConfig.js';
import { ScreenFrame } from './ScreenFrame.js';

export function Occupancy({ url }: { url: UrlOptions }) {
  const setup = useScreenSetup(url);
  const { locationId, token } = setup;
  const live = useRoom('occupancy', locationId === null ? null : rooms.occupancy(locationId), { token });
  const state = live.data;
  // During a partition the count covers only the doors this box still hears.
  const floor = useFloor(locationId, token).data;
  const byHour = usePolled<OccupancyByHour>('/api/occupancy/by-hour', 60_000);

  return (
    <ScreenFrame
      className="occupancy"
      locationName={setup.locationName}
      live={{ connected: live.connected, lastMessageAt: live.lastMessageAt, detail: live.error ?? setup.error }}
      contentKey={[state, byHour.data]}
      dataAttributes={floorAttribute(floor)}
      floorNotice={countNote(floor)}
    >
      <section className="panel panel--occupancy" data-testid="occupancy">
        <div className="occupancy__label">In the gym now</div>
        <div className="occupancy__figure">
          <span className={`occupancy__count${state ? '' : ' occupancy__count--empty'}`} data-testid="occupancy-count">
            {state ? state.count : '–'}
          </span>
          {state && state.capacity !== null ? (
            <span className="occupancy__capacity" data-testid="occupancy-capacity">
              of {state.capacity}
            </span>
          ) : null}
        </div>
        {state ? <CapacityBar state={state} /> : null}
        {state ? (
          <div className="occupancy__facts">
            <span data-testid="occupancy-peak">
              Peak today: <strong>{state.peakToday}</strong>
            </span>
            {state.capacity !== null && state.capacity > 0 ? (
              <span data-testid="occupancy-room">
                {state.count >= state.capacity ? (
                  <strong>Full</strong>
                ) : (
                  <>
                    Room for <strong>{state.capacity - state.count}</strong> more
                  </>
                )}
              </span>
            ) : null}
            <span className="occupancy__updated">Updated {formatClock(state.updatedAt)}</span>
          </div>
        ) : (
          <div className="occupancy__facts">
            <span>
              {live.connected ? `No occupancy data for location “${locationId ?? ''}”` : 'Waiting for the gateway…'}
            </span>
          </div>
        )}
        {byHour.data ? <VisitsByHour data={byHour.data} /> : null}
      </section>
    </ScreenFrame>
  );
}

function CapacityBar({ state }: { state: OccupancyState }) {
  if (state.capacity === null || state.capacity <= 0) return null;
  const ratio = Math.min(1, Math.max(0, state.count / state.capacity));
  const level = ratio >= 0.9 ? 'full' : ratio >= 0.7 ? 'busy' : 'ok';
  return (
    <div
      className={`capacity-bar capacity-bar--${level}`}
      role="meter"
      aria-valuemin={0}
      aria-valuemax={state.capacity}
      aria-valuenow={state.count}
      aria-label="Occupancy"
    >
      <div className="capacity-bar__fill" style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
    </div>
  );
}
