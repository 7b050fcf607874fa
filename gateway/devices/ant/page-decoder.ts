import type { EquipmentKind, EquipmentMetrics } from '../../../shared/equipment.js';
import { decodeAntPower } from '../../protocols/ant/bicycle-power.js';
import { decodeAntFitnessEquipment, type FePage } from '../../protocols/ant/fitness-equipment.js';
import { decodeAntHeartRate } from '../../protocols/ant/heart-rate.js';
import { accumulate, type RollingTotal } from '../../protocols/rollover.js';
import { paceFromSpeed } from '../../protocols/units.js';
import { applyUpdate, type MetricsUpdate } from '../ble/mapping.js';
import type { AntProfile } from './config.js';

export type AntDecodeOutcome = { kind: 'metrics'; metrics: EquipmentMetrics } | { kind: 'nothing' } | { kind: 'error'; error: string };

/** FE-C pages Floorgate reads; the others (common pages 80, 81, 82…, settings) carry no metric and are passed over. */
const FE_PAGES = new Set([16, 22, 24, 25]);

/**
 * One ANT+ device's pages → its current metrics, pure (no clock, no I/O). Pages come from our codecs
 * (`protocols/ant/`); only what a page says is set, merged into the device's current picture as the BLE decoder
 * does. A page that repeats the last event (same beat, same power event, the same FE page again) is nothing new:
 * a strap or meter sends each event several times at 4 Hz. A strap without a valid beat (0 bpm) gives no reading.
 */
export class AntPageDecoder {
  private metrics: EquipmentMetrics = {};
  private lastEvent: string | null = null;
  private readonly lastFePage = new Map<number, string>();
  private elapsed: RollingTotal | null = null;
  private distance: RollingTotal | null = null;

  constructor(
    private readonly profile: AntProfile,
    private readonly kind: EquipmentKind,
  ) {}

  decode(page: Uint8Array): AntDecodeOutcome {
    switch (this.profile) {
      case 'heart_rate':
        return this.heartRate(page);
      case 'bicycle_power':
        return this.power(page);
      case 'fitness_equipment':
        return this.fitnessEquipment(page);
    }
  }

  private heartRate(page: Uint8Array): AntDecodeOutcome {
    if (page.length === 8 && (page[0]! & 0x7f) > 7) return { kind: 'nothing' }; // a page of a newer profile revision
    const hr = decodeAntHeartRate(page);
    if (!hr.ok) return { kind: 'error', error: hr.error };
    // The last four bytes are the same on every page: a new beat changes its time or count.
    const event = `${hr.value.beatTime1024}:${hr.value.beatCount}`;
    if (event === this.lastEvent) return { kind: 'nothing' };
    this.lastEvent = event;
    if (hr.value.heartRateBpm === null) return { kind: 'nothing' };
    return this.update({ heartRateBpm: hr.value.heartRateBpm });
  }

  private power(page: Uint8Array): AntDecodeOutcome {
    if (page.length === 8 && page[0] !== 0x10) return { kind: 'nothing' }; // torque, calibration and common pages
    const power = decodeAntPower(page);
    if (!power.ok) return { kind: 'error', error: power.error };
    const event = String(power.value.eventCount);
    if (event === this.lastEvent) return { kind: 'nothing' };
    this.lastEvent = event;
    return this.update({ powerW: power.value.powerW, cadenceRpm: power.value.cadenceRpm ?? null });
  }

  private fitnessEquipment(page: Uint8Array): AntDecodeOutcome {
    if (page.length === 8 && !FE_PAGES.has(page[0]!)) return { kind: 'nothing' };
    const fe = decodeAntFitnessEquipment(page);
    if (!fe.ok) return { kind: 'error', error: fe.error };
    const bytes = Buffer.from(page).toString('hex');
    if (this.lastFePage.get(fe.value.page) === bytes) return { kind: 'nothing' };
    this.lastFePage.set(fe.value.page, bytes);
    return this.update(this.feMetrics(fe.value));
  }

  private feMetrics(page: FePage): MetricsUpdate {
    switch (page.page) {
      case 16: {
        // Elapsed time (¼ s) and distance (m) are 8-bit counters: totals rebuilt from the first page heard.
        this.elapsed = accumulate(this.elapsed, page.elapsedQuarterS, 0x100);
        const update: MetricsUpdate = { elapsedS: this.elapsed.total / 4 };
        if (page.distanceM !== undefined) {
          this.distance = accumulate(this.distance, page.distanceM, 0x100);
          update.distanceM = this.distance.total;
        }
        if (page.speedMps !== undefined) {
          update.speedMps = page.speedMps;
          if (this.kind === 'rower') update.paceSecPer500m = paceFromSpeed(page.speedMps);
        }
        if (page.heartRateBpm !== undefined) update.heartRateBpm = page.heartRateBpm || null;
        return update;
      }
      case 22:
      case 24:
        return { strokeRateSpm: page.cadencePerMin ?? null, powerW: page.powerW ?? null };
      case 25:
        return { cadenceRpm: page.cadenceRpm ?? null, powerW: page.powerW ?? null };
    }
  }

  private update(update: MetricsUpdate): AntDecodeOutcome {
    this.metrics = applyUpdate(this.metrics, update);
    return { kind: 'metrics', metrics: { ...this.metrics } };
  }
}
