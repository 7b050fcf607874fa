import { GYM_FIELDS, type GymField, type GymValues } from '../../shared/gym.js';
import type { ScreenConfig } from '../../shared/screen-config.js';
import type { FloorgateConfig } from '../config/schema.js';
import type { Db } from '../store/database.js';

const SETTINGS_KEY = 'gym_settings';

/**
 * The gym's name, capacity, opening hours and class schedule feed: the config file's values until staff set them in
 * the console, then the console's (kept in SQLite, `settings.gym_settings`, so they survive a restart and win over
 * the file). Parts that use them read `current()` when they decide, or listen for changes.
 */
export class GymSettings {
  private stored: GymValues | null;
  private readonly listeners = new Set<(values: GymValues, changed: GymField[]) => void>();

  constructor(
    private readonly db: Db,
    private readonly config: Pick<FloorgateConfig, 'location' | 'screens'>,
  ) {
    this.stored = this.read();
  }

  current(): GymValues {
    return this.stored ?? this.fromFile();
  }

  source(): 'file' | 'console' {
    return this.stored ? 'console' : 'file';
  }

  /** Stores the console's values; returns the fields that changed. Call inside the journal's transaction. */
  put(values: GymValues): GymField[] {
    const before = this.current();
    this.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SETTINGS_KEY, JSON.stringify(values));
    this.stored = values;
    return GYM_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(values[field]));
  }

  /** Reads the stored values again (after a transaction that changed them rolled back). */
  reload(): void {
    this.stored = this.read();
  }

  /** Call after the transaction commits, with what `put` said changed. */
  announce(changed: GymField[]): void {
    if (changed.length === 0) return;
    const values = this.current();
    for (const listener of this.listeners) listener(values, changed);
  }

  /**
   * Keeps the parts that hold a copy current, now and on every change: the name `/api/screen-config` serves (this
   * object, returned) and the capacity the occupancy screen shows. Check-in decisions read `current()` themselves; the
   * schedule feed and the screens room follow in screens/floor-screens.ts.
   */
  applyTo(screenConfig: ScreenConfig, occupancy: { setCapacity(capacity: number | null): void }): ScreenConfig {
    const apply = (values: GymValues) => {
      screenConfig.locationName = values.name;
      occupancy.setCapacity(values.capacity);
    };
    apply(this.current());
    this.onChange(apply);
    return screenConfig;
  }

  onChange(listener: (values: GymValues, changed: GymField[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fromFile(): GymValues {
    const { location, screens } = this.config;
    return { name: location.name, capacity: location.capacity, openingHours: location.openingHours, scheduleIcs: screens.schedule.ics ?? null };
  }

  private read(): GymValues | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as GymValues) : null;
  }
}
