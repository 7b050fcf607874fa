import { memo } from 'react';
import type { EquipmentKind, EquipmentMetrics, EquipmentTile } from '../../../shared/equipment.js';
import { formatDistance, formatDuration, formatPace } from '../../../shared/format.js';
import { formatClock } from '../api.js';
import { EQUIPMENT_LABEL, heartRateZone } from '../../../shared/screens.js';

/** Clock time with seconds ("10:42:07"), for "no data since". */
function clockWithSeconds(iso: string | number): string {
  const d = new Date(iso);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export interface Figure {
  value: string;
  unit: string;
}

const DASH = '–';

/** Treadmill pace per km ("5:12"), the runner's figure beside the belt speed. */
function pacePerKm(speedMps: number): string {
  return formatDuration(1000 / speedMps);
}

/**
 * The one figure a tile shows large, by machine kind: pace on rowers and skis, watts on bikes and cross trainers,
 * speed on treadmills, heart rate on straps. A machine that does not report its figure shows a dash, not another figure,
 * so the unit under the number never changes meaning.
 */
export function primaryFigure(kind: EquipmentKind, m: EquipmentMetrics): Figure {
  switch (kind) {
    case 'rower':
    case 'ski':
      return { value: m.paceSecPer500m ? formatPace(m.paceSecPer500m) : DASH, unit: '/500m' };
    case 'bike':
    case 'cross_trainer':
      return { value: m.powerW !== undefined ? String(Math.round(m.powerW)) : DASH, unit: 'W' };
    case 'treadmill':
      return { value: m.speedMps !== undefined ? (m.speedMps * 3.6).toFixed(1) : DASH, unit: 'km/h' };
    case 'hr_strap':
      return { value: m.heartRateBpm ? String(Math.round(m.heartRateBpm)) : DASH, unit: 'bpm' };
  }
}

/**
 * Up to four smaller figures, each a short "value unit" so it fits a quarter of the smallest tile: distance, time,
 * stroke rate or cadence, heart rate (or, without a strap, the machine's next most useful figure).
 */
export function secondaryFigures(kind: EquipmentKind, m: EquipmentMetrics): Figure[] {
  const out: Figure[] = [];
  if (kind === 'hr_strap') {
    const zone = m.heartRateBpm ? heartRateZone(m.heartRateBpm) : 0;
    if (zone > 0) out.push({ value: `Zone ${zone}`, unit: '' });
    if (m.elapsedS !== undefined) out.push({ value: formatDuration(m.elapsedS), unit: '' });
    if (m.energyKcal !== undefined) out.push({ value: String(Math.round(m.energyKcal)), unit: 'kcal' });
    return out;
  }
  if (kind === 'treadmill' && m.speedMps) out.push({ value: pacePerKm(m.speedMps), unit: '/km' });
  if (m.distanceM !== undefined) {
    const [value, unit] = formatDistance(m.distanceM).split(' ');
    out.push({ value: value!, unit: unit! });
  }
  if (m.elapsedS !== undefined) out.push({ value: formatDuration(m.elapsedS), unit: '' });
  if (m.strokeRateSpm !== undefined) out.push({ value: String(Math.round(m.strokeRateSpm)), unit: 'spm' });
  else if (m.cadenceRpm !== undefined) out.push({ value: String(Math.round(m.cadenceRpm)), unit: 'rpm' });
  if (m.heartRateBpm) out.push({ value: `♥ ${Math.round(m.heartRateBpm)}`, unit: '' });
  else if ((kind === 'rower' || kind === 'ski' || kind === 'treadmill') && m.powerW !== undefined) {
    out.push({ value: String(Math.round(m.powerW)), unit: 'W' });
  }
  return out.slice(0, 4);
}

export interface EquipmentTileViewProps {
  tile: EquipmentTile;
  /** The screen has lost the gateway at that time; no tile may then show figures as if they were live. */
  frozenSince?: number | null;
  /** On a floor of several boxes: the box that reads this machine ("Upstairs"), shown small at the tile's foot. */
  boxName?: string | null;
  /** The box that reads this machine cannot be heard: its last figures are history, whatever they said. */
  unreachable?: boolean;
  /** Since when that box is unreachable (null: not known). */
  unreachableSince?: string | null;
}

/**
 * One machine or strap. Memoized on the tile object and plain props: the board keeps unchanged tiles' objects, so a
 * delta re-renders only the tiles it carries (a Raspberry Pi redraws a few tiles, not sixty).
 */
export const EquipmentTileView = memo(function EquipmentTileView({
  tile,
  frozenSince = null,
  boxName = null,
  unreachable = false,
  unreachableSince = null,
}: EquipmentTileViewProps) {
  const broken = tile.state === 'offline' || tile.state === 'error';
  const noFreshData = !unreachable && !broken && (tile.stale === true || frozenSince !== null);
  const state = unreachable ? 'unreachable' : broken ? tile.state : noFreshData ? 'stale' : tile.state;
  const stateText = { in_use: 'In use', idle: 'Free', offline: 'Offline', error: 'Fault', stale: 'No data', unreachable: 'Unreachable' }[state];
  const showFigures = state === 'in_use';
  const hr = tile.metrics.heartRateBpm;
  // The whole tile takes the zone's colour, as club heart-rate displays do, whenever a strap reports on it.
  const zone = showFigures && hr ? heartRateZone(hr) : 0;
  const big = primaryFigure(tile.kind, tile.metrics);
  const since = frozenSince !== null ? clockWithSeconds(Math.min(frozenSince, Date.parse(tile.updatedAt) || frozenSince)) : clockWithSeconds(tile.updatedAt);
  return (
    <article
      className={`tile tile--${state}${zone > 0 ? ` tile--zone tile--z${zone}` : ''}${boxName !== null ? ' tile--boxed' : ''}`}
      data-testid="equipment-tile"
      data-state={state}
      data-zone={zone || undefined}
      data-equipment={tile.equipmentId}
      data-box={tile.boxId}
    >
      <div className="tile__in">
        <header className="tile__head">
          <span className="tile__name">{tile.name}</span>
          <span className="tile__state">{stateText}</span>
        </header>
        <div className="tile__member" data-testid="tile-member">
          {tile.state === 'in_use' && state !== 'unreachable' ? (tile.memberDisplayName ?? EQUIPMENT_LABEL[tile.kind]) : ' '}
        </div>
        {showFigures ? (
          <>
            <div className="tile__figure">
              <span className="tile__big">{big.value}</span>
              <span className="tile__unit">{big.unit}</span>
            </div>
            <ul className="tile__stats" data-testid="tile-stats">
              {/* Keyed by position, not by text: a new value updates the text in place instead of replacing the item. */}
              {secondaryFigures(tile.kind, tile.metrics).map((f, i) => (
                <li key={i} className="tile__stat">
                  {f.value}
                  {f.unit ? <small> {f.unit}</small> : null}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <div className="tile__figure tile__figure--quiet" data-testid="tile-quiet">
            {state === 'unreachable'
              ? unreachableSince !== null
                ? `since ${formatClock(unreachableSince)}`
                : 'no link to its box'
              : tile.state === 'error'
                ? (tile.problem?.detail ?? 'device fault')
                : noFreshData
                  ? `since ${since}`
                  : tile.state === 'offline'
                    ? 'no signal'
                    : 'ready'}
          </div>
        )}
        {boxName !== null ? (
          <div className="tile__box" data-testid="tile-box">
            {boxName}
          </div>
        ) : null}
      </div>
    </article>
  );
});
