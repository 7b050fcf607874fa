import { useEffect, useMemo, useState } from 'react';
import type { EquipmentTile } from '../../../shared/equipment.js';
import { rooms } from '../../../shared/live.js';
import type { UrlOptions } from '../api.js';
import { EquipmentTileView } from '../components/EquipmentTileView.js';
import { floorAttribute, floorBanner, showBoxNames, tileKey, tileUnreachable, unreachableBoxes } from '../floor/floor-words.js';
import { useFloor } from '../floor/useFloor.js';
import { useRoom } from '../live/useRoom.js';
import { useScreenSetup } from '../useScreenConfig.js';
import { ScreenFrame } from './ScreenFrame.js';
import { GAP_PX, gridFor, useAreaSize } from './tile-grid.js';

/** At most this many tiles on one page (10 × 6 on a 1080p panel); more are paged. */
export const TILES_PER_PAGE = 60;
const PAGE_SECONDS = 10;

/**
 * Deltas carry only changed tiles; unchanged tiles keep their object, so memoized tiles skip rendering.
 * The array keeps the snapshot's order (by name); a new machine goes to the end. Tiles are told apart by box and
 * machine (`tileKey`): on a floor two boxes may each read a `rower-1`.
 */
export function mergeTiles(previous: EquipmentTile[] | null, delta: EquipmentTile[]): EquipmentTile[] {
  if (!previous) return delta;
  const changed = new Map(delta.map((t) => [tileKey(t), t]));
  const next = previous.map((t) => {
    const key = tileKey(t);
    const update = changed.get(key);
    if (!update) return t;
    changed.delete(key);
    return update;
  });
  for (const added of changed.values()) next.push(added);
  return next;
}

/** `/screen/equipment`: a live tile per machine and strap, paged when they do not fit. */
export function Equipment({ url }: { url: UrlOptions }) {
  const setup = useScreenSetup(url);
  const { locationId } = setup;
  const live = useRoom('equipment', locationId === null ? null : rooms.equipment(locationId), { token: url.token, merge: mergeTiles, coalesceMs: 250 });
  const tiles = live.data;
  // On a floor of several boxes: which box reads each machine, and whose figures this screen cannot refresh.
  const floor = useFloor(locationId, url.token).data;
  const boxNames = showBoxNames(floor, tiles);
  const unreachable = useMemo(() => unreachableBoxes(floor), [floor]);
  // Without the gateway the last figures are history: tiles say "No data since …" instead of "In use" with frozen numbers.
  const frozenSince = !live.connected && live.lastMessageAt !== null ? live.lastMessageAt : null;
  const perPage = Math.min(TILES_PER_PAGE, url.limit ?? TILES_PER_PAGE);
  const pages = tiles ? Math.max(1, Math.ceil(tiles.length / perPage)) : 1;
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (pages <= 1) return setPage(0);
    const timer = setInterval(() => setPage((p) => (p + 1) % pages), PAGE_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [pages]);
  const current = Math.min(page, pages - 1);
  const shown = useMemo(() => (tiles ?? []).slice(current * perPage, (current + 1) * perPage), [tiles, current, perPage]);

  const { area, size } = useAreaSize();
  // The grid is sized for a full page, so tiles keep their size as machines come and go.
  const grid = gridFor(Math.max(shown.length, Math.min(tiles?.length ?? 0, perPage), 1), size.width, size.height);
  const counts = useMemo(() => {
    const c = { in_use: 0, idle: 0, offline: 0, error: 0, unreachable: 0 };
    for (const t of tiles ?? []) c[tileUnreachable(t, unreachable) ? 'unreachable' : t.state]++;
    return c;
  }, [tiles, unreachable]);

  return (
    <ScreenFrame
      className="equipment"
      locationName={setup.locationName}
      live={{ connected: live.connected, lastMessageAt: live.lastMessageAt, detail: live.error ?? setup.error }}
      dataAttributes={{ 'data-page': String(current + 1), 'data-pages': String(pages), ...floorAttribute(floor) }}
      floorNotice={floorBanner(floor)}
    >
      <section className="panel panel--equipment" data-testid="equipment">
        <header className="equipment__bar">
          <h1 className="equipment__title">Equipment</h1>
          <span className="equipment__counts" data-testid="equipment-counts">
            <b>{counts.in_use}</b> in use · <b>{counts.idle}</b> free{counts.offline > 0 ? <> · <b>{counts.offline}</b> offline</> : null}
            {counts.error > 0 ? <> · <b>{counts.error}</b> fault</> : null}
            {counts.unreachable > 0 ? <> · <b>{counts.unreachable}</b> unreachable</> : null}
          </span>
          {pages > 1 ? (
            <span className="equipment__page" data-testid="equipment-page">
              Page {current + 1} / {pages}
            </span>
          ) : null}
        </header>
        <div className="equipment__area" ref={area}>
          {tiles && tiles.length > 0 ? (
            <div
              className="equipment__grid"
              style={{ gridTemplateColumns: `repeat(${grid.cols}, 1fr)`, gridTemplateRows: `repeat(${grid.rows}, 1fr)`, gap: `${GAP_PX}px` }}
            >
              {shown.map((tile) => {
                const lost = tileUnreachable(tile, unreachable);
                return (
                  <EquipmentTileView
                    key={tileKey(tile)}
                    tile={tile}
                    frozenSince={frozenSince}
                    boxName={boxNames ? (tile.boxName ?? null) : null}
                    unreachable={lost !== null}
                    unreachableSince={lost?.since ?? null}
                  />
                );
              })}
            </div>
          ) : (
            <p className="equipment__none">{tiles ? 'No machines have reported yet.' : 'Waiting for the gateway…'}</p>
          )}
        </div>
      </section>
    </ScreenFrame>
  );
}
