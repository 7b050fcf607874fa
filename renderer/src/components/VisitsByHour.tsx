import type { OccupancyByHour } from '../../../shared/occupancy.js';

/** Hours always on the chart; earlier or later ones only when someone came then (today or usually). */
const DAY_FROM = 6;
const DAY_TO = 22;

/**
 * Today's check-ins per hour as bars, the usual for this weekday as a marker on each hour: "busier than a normal
 * Wednesday" reads at a glance from across the room.
 */
export function VisitsByHour({ data }: { data: OccupancyByHour }) {
  const busy = (h: number) => (data.today[h] ?? 0) > 0 || (data.usual?.[h] ?? 0) > 0;
  let from = DAY_FROM;
  let to = DAY_TO;
  for (let h = 0; h < 24; h++) {
    if (busy(h)) {
      from = Math.min(from, h);
      to = Math.max(to, h);
    }
  }
  const hours = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const top = Math.max(1, ...hours.map((h) => Math.max(data.today[h] ?? 0, data.usual?.[h] ?? 0)));
  return (
    <figure className="visits" data-testid="visits-by-hour">
      <figcaption className="visits__caption">
        <span className="visits__key visits__key--today">Check-ins today by hour</span>
        {data.usual ? <span className="visits__key visits__key--usual">usual for this weekday</span> : null}
      </figcaption>
      <div className="visits__bars">
        {hours.map((h) => (
          <div key={h} className={`visits__hour${h === data.hour ? ' visits__hour--now' : ''}`} data-hour={h} data-today={data.today[h] ?? 0}>
            <div className="visits__plot">
              <div className="visits__today" style={{ height: `${((data.today[h] ?? 0) / top) * 100}%` }} />
              {data.usual ? <div className="visits__usual" style={{ bottom: `${((data.usual[h] ?? 0) / top) * 100}%` }} /> : null}
            </div>
            <span className="visits__label">{h % 3 === 0 || h === data.hour ? String(h).padStart(2, '0') : ''}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}
