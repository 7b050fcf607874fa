import type { Wod } from '../../../shared/checkin.js';

/** The day's workout as the entrance, the WOD screen and the daily-WOD widget show it. */
export function WodPanel({ wod }: { wod: Wod }) {
  const source = wod.source === 'cached' ? <span className="wod__source">saved copy</span> : null;
  if (wod.restDay) {
    return (
      <div className="wod wod--rest" data-testid="wod" data-rest-day="true">
        <div className="wod__label">Today {source}</div>
        <h2 className="wod__title">Rest day</h2>
        {wod.title && wod.title.toLowerCase() !== 'rest day' ? <p className="wod__subtitle">{wod.title}</p> : null}
        {wod.notes ? <p className="wod__notes">{wod.notes}</p> : null}
      </div>
    );
  }
  const long = wod.parts.length > 6;
  return (
    <div className={`wod${long ? ' wod--long' : ''}`} data-testid="wod" data-rest-day="false">
      <div className="wod__label">Today’s workout {source}</div>
      <h2 className="wod__title">{wod.title}</h2>
      {wod.parts.length > 0 ? (
        <ol className="wod__parts">
          {wod.parts.map((part, i) => (
            <li key={i}>{part}</li>
          ))}
        </ol>
      ) : null}
      {wod.notes ? <p className="wod__notes">{wod.notes}</p> : null}
    </div>
  );
}
