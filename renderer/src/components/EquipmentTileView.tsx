import { memo } from 'react';
import type { EquipmentTile } from '../../../shared/equipment.js';
import { formatPace } from '../../../shared/format.js';
import { EQUIPMENT_LABEL, heartRateZone } from '../../../shared/screens.js';

/** Clock time with seconds ("10:42:07"), for "no data since". */
function clockWithSeconds(iso: string): string {
  const d = new Date(iso);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** The one figure a tile shows large: pace on rowers and skis, watts on bikes, heart rate on straps. */
function headline(tile: EquipmentTile): { value: string; unit: string } {
  const m = tile.metrics;
  if ((tile.kind === 'rower' || tile.kind === 'ski') && m.paceSecPer500m) return { value: formatPace(m.paceSecPer500m), unit: '/500m' };
  if (tile.kind === 'hr_strap' || (m.powerW === undefined && m.heartRateBpm !== undefined)) {
    return { value: m.heartRateBpm ? String(m.heartRateBpm) : '–', unit: 'bpm' };
  }
  if (m.powerW !== undefined) return { value: String(m.powerW), unit: 'W' };
  if (m.speedMps !== undefined) return { value: (m.speedMps * 3.6).toFixed(1), unit: 'km/h' };
  return { value: '–', unit: '' };
}

/** Two more figures at most, so they stay readable in a small tile. */
function secondary(tile: EquipmentTile): string[] {
  const m = tile.metrics;
  const parts: string[] = [];
  if (tile.kind !== 'hr_strap' && m.powerW !== undefined && headline(tile).unit !== 'W') parts.push(`${m.powerW} W`);
  if (m.strokeRateSpm !== undefined) parts.push(`${m.strokeRateSpm} spm`);
  if (m.cadenceRpm !== undefined) parts.push(`${m.cadenceRpm} rpm`);
  if (m.distanceM) parts.push(m.distanceM >= 1000 ? `${(m.distanceM / 1000).toFixed(1)} km` : `${m.distanceM} m`);
  return parts.slice(0, 2);
}

/**
 * One machine or strap. Memoized on the tile object: the board keeps unchanged tiles' objects, so a delta
 * re-renders only the tiles it carries (a Raspberry Pi redraws a few tiles, not sixty).
 */
export const EquipmentTileView = memo(function EquipmentTileView({ tile }: { tile: EquipmentTile }) {
  const hr = tile.metrics.heartRateBpm;
  const zone = hr && tile.state !== 'offline' && tile.state !== 'error' ? heartRateZone(hr) : 0;
  const big = headline(tile);
  const state = tile.state === 'offline' || tile.state === 'error' ? tile.state : tile.stale ? 'stale' : tile.state;
  const stateText = { in_use: 'In use', idle: 'Free', offline: 'Offline', error: 'Fault', stale: 'No data' }[state];
  const showFigures = tile.state === 'in_use' && !tile.stale;
  return (
    <article className={`tile tile--${state}`} data-testid="equipment-tile" data-state={state} data-equipment={tile.equipmentId}>
      <div className="tile__in">
      <header className="tile__head">
        <span className="tile__name">{tile.name}</span>
        <span className="tile__state">{stateText}</span>
      </header>
      <div className="tile__member" data-testid="tile-member">
        {tile.state === 'in_use' ? (tile.memberDisplayName ?? EQUIPMENT_LABEL[tile.kind]) : ' '}
      </div>
      {showFigures ? (
        <div className="tile__figure">
          <span className="tile__big">{big.value}</span>
          <span className="tile__unit">{big.unit}</span>
        </div>
      ) : (
        <div className="tile__figure tile__figure--quiet">
          {tile.state === 'error'
            ? (tile.problem?.detail ?? 'device fault')
            : tile.stale && tile.state !== 'offline'
              ? `since ${clockWithSeconds(tile.updatedAt)}`
              : tile.state === 'offline'
                ? 'no signal'
                : 'ready'}
        </div>
      )}
      {showFigures ? (
        <footer className="tile__foot">
          <span className="tile__more">{secondary(tile).join(' · ')}</span>
          {hr && tile.kind !== 'hr_strap' ? <span className={`tile__hr tile__hr--z${zone}`}>♥ {hr}</span> : null}
          {zone > 0 ? <span className={`tile__zone tile__zone--z${zone}`}>Z{zone}</span> : null}
        </footer>
      ) : null}
      </div>
    </article>
  );
});
