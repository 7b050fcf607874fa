import type Database from 'better-sqlite3';
import type { PlaylistItem } from '../../shared/screens.js';
import type { StaffPlaylist } from '../../shared/staff.js';

const SETTINGS_KEY = 'screen_playlists';

/**
 * The floor screens' playlists: the config file's (`screens.playlists`, with the built-in `default`), and over them
 * the ones staff wrote in the console, kept in SQLite (`settings.screen_playlists`) so they survive a restart. A console
 * edit of a name the file also has wins; removing it goes back to the file's list. Listeners hear every change, so
 * screens showing a playlist can read it again at once.
 */
export class Playlists {
  private edited: Record<string, PlaylistItem[]>;
  private readonly listeners = new Set<() => void>();
  /** Bumped on every change (screens compare it, not the lists). */
  revision = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly fromFile: Readonly<Record<string, PlaylistItem[]>>,
  ) {
    this.edited = this.read();
  }

  names(): string[] {
    return [...new Set([...Object.keys(this.fromFile), ...Object.keys(this.edited)])];
  }

  get(name: string): PlaylistItem[] | undefined {
    if (Object.hasOwn(this.edited, name)) return this.edited[name];
    return Object.hasOwn(this.fromFile, name) ? this.fromFile[name] : undefined;
  }

  describe(name: string): StaffPlaylist | null {
    const items = this.get(name);
    if (!items) return null;
    return { name, origin: Object.hasOwn(this.edited, name) ? 'console' : 'file', inFile: Object.hasOwn(this.fromFile, name), items };
  }

  all(): StaffPlaylist[] {
    return this.names().map((name) => this.describe(name)!);
  }

  /** Stores a console edit. Call inside the journal's transaction (the staff action and the list agree). */
  put(name: string, items: PlaylistItem[]): void {
    this.write({ ...this.edited, [name]: items });
  }

  /** Drops the console's edit of `name`; false when there is none (a file playlist is removed in the file). */
  remove(name: string): boolean {
    if (!Object.hasOwn(this.edited, name)) return false;
    const { [name]: _gone, ...rest } = this.edited;
    this.write(rest);
    return true;
  }

  /** Call after the transaction commits: screens must not read a list that could still roll back. */
  announce(): void {
    this.revision += 1;
    for (const listener of this.listeners) listener();
  }

  /** Reads the stored edits again (after a transaction that changed them rolled back). */
  reload(): void {
    this.edited = this.read();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(next: Record<string, PlaylistItem[]>): void {
    this.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SETTINGS_KEY, JSON.stringify(next));
    this.edited = next;
  }

  private read(): Record<string, PlaylistItem[]> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as Record<string, PlaylistItem[]>) : {};
  }
}
