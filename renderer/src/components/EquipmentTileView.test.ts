import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { EquipmentTile } from '../../../shared/equipment.js';
import { EquipmentTileView, type EquipmentTileViewProps } from './EquipmentTileView.js';

const rower: EquipmentTile = {
  equipmentId: 'rower-7',
  name: 'Rower 7',
  kind: 'rower',
  state: 'in_use',
  memberDisplayName: 'Anna S.',
  metrics: { paceSecPer500m: 120, powerW: 203 },
  updatedAt: '2026-03-02T07:00:00.000Z',
};

const html = (tile: EquipmentTile, props: Omit<EquipmentTileViewProps, 'tile'> = {}) =>
  renderToStaticMarkup(createElement(EquipmentTileView, { tile, ...props }));

describe('equipment tile (React, rendered to HTML)', () => {
  it('a machine in use shows its figures', () => {
    expect(html(rower)).toContain('2:00');
  });

  it('a machine whose device reports a problem says "Fault" and shows the problem’s words, not the code', () => {
    const out = html({
      ...rower,
      state: 'error',
      memberDisplayName: null,
      problem: { code: 'not_responding', detail: 'monitor not answering (5 polls missed)' },
    });
    expect(out).toContain('data-state="error"');
    expect(out).toContain('Fault');
    expect(out).toContain('monitor not answering (5 polls missed)');
    expect(out).not.toContain('not_responding');
    expect(out).not.toContain('2:00'); // no figures from a machine in fault
  });

  it('a quiet machine is shown as "No data" with its last values hidden, never faded figures', () => {
    const out = html({ ...rower, stale: true });
    expect(out).toContain('data-state="stale"');
    expect(out).toContain('No data');
    expect(out).not.toContain('2:00');
  });

  it('on a floor of several boxes, names the box that reads the machine', () => {
    const out = html({ ...rower, boxId: 'upstairs', boxName: 'Upstairs' }, { boxName: 'Upstairs' });
    expect(out).toContain('data-testid="tile-box"');
    expect(out).toContain('Upstairs');
    expect(out).toContain('2:00'); // still live
  });

  it('a box on its own names no box', () => {
    expect(html({ ...rower, boxId: 'front', boxName: 'Front desk' })).not.toContain('Front desk');
  });

  it('a machine read by an unreachable box says so, with no rider and no frozen figures', () => {
    const since = new Date(2026, 2, 2, 12, 3).toISOString();
    const out = html({ ...rower, boxId: 'upstairs', boxName: 'Upstairs' }, { boxName: 'Upstairs', unreachable: true, unreachableSince: since });
    expect(out).toContain('data-state="unreachable"');
    expect(out).toContain('Unreachable');
    expect(out).toContain('since 12:03');
    expect(out).not.toContain('In use');
    expect(out).not.toContain('Anna S.');
    expect(out).not.toContain('2:00');
  });
});
