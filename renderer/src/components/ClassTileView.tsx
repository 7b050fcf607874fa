import { memo, type CSSProperties } from 'react';
import type { ClassTile } from '../../../shared/classes.js';

/**
 * One member in class mode: the whole tile in their heart-rate zone's colour (as club displays do), their name, heart
 * rate and points large, and the minutes in each zone as a strip of the five zone colours.
 */
export const ClassTileView = memo(
  function ClassTileView({ tile }: { tile: ClassTile }) {
    const signal = tile.bpm !== null;
    const name = tile.displayName ?? 'Member';
    // About 14 characters fit the tile's width at full size; a longer alias is set smaller, never cut.
    const fit = { '--name-fit': Math.min(1, 14 / Math.max(name.length, 1)).toFixed(3) } as CSSProperties;
    return (
      <article
        className={`ctile${tile.zone > 0 ? ` ctile--z${tile.zone}` : ''}${signal ? '' : ' ctile--lost'}`}
        data-testid="class-tile"
        data-zone={tile.zone}
        data-key={tile.key}
      >
        <div className="ctile__in">
          <div className="ctile__name" data-testid="class-tile-name" style={fit}>
            {name}
          </div>
          <div className="ctile__main">
            <span className="ctile__bpm" data-testid="class-tile-bpm">
              {signal ? tile.bpm : '–'}
              <small>{signal ? ' bpm' : ' no signal'}</small>
            </span>
            <span className="ctile__points" data-testid="class-tile-points">
              {tile.points}
              <small> pts</small>
            </span>
          </div>
          <ol className="ctile__zones" aria-label="minutes in zones 1 to 5" data-testid="class-tile-zones">
            {tile.zoneMinutes.map((minutes, i) => (
              <li key={i} className={`ctile__zone ctile__zone--z${i + 1}`} title={`zone ${i + 1}`}>
                {minutes}
              </li>
            ))}
          </ol>
        </div>
      </article>
    );
  },
  // The room sends the whole class every second: redraw only the tiles whose figures changed.
  (a, b) =>
    a.tile.key === b.tile.key &&
    a.tile.displayName === b.tile.displayName &&
    a.tile.bpm === b.tile.bpm &&
    a.tile.zone === b.tile.zone &&
    a.tile.points === b.tile.points &&
    a.tile.zoneMinutes.join() === b.tile.zoneMinutes.join(),
);
