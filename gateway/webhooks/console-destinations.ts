import type { Db } from '../store/database.js';
import { webhookConfigSchema, type WebhookConfig } from './config.js';

/** A destination's settings as stored: never a secret (those live in <dataDir>/webhooks/, mode 0600). */
export type StoredSettings = Omit<WebhookConfig, 'secret' | 'secretFile' | 'previousSecret'>;

/**
 * Webhook destinations added at the staff console, and which destinations (from either origin) staff paused.
 * Writes are meant to run inside the staff action's journal transaction, so the fact and the row never disagree.
 */
export class ConsoleDestinations {
  constructor(private readonly db: Db) {}

  /** Every stored destination that still parses; `invalid` names the ones that do not (kept, never lost). */
  all(): { hooks: WebhookConfig[]; invalid: Array<{ name: string; problem: string }> } {
    const rows = this.db.prepare('SELECT name, settings FROM webhook_destinations ORDER BY created_at, name').all() as Array<{ name: string; settings: string }>;
    const hooks: WebhookConfig[] = [];
    const invalid: Array<{ name: string; problem: string }> = [];
    for (const row of rows) {
      const parsed = webhookConfigSchema.safeParse({ ...(JSON.parse(row.settings) as object), name: row.name });
      if (parsed.success) hooks.push(parsed.data);
      else invalid.push({ name: row.name, problem: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') });
    }
    return { hooks, invalid };
  }

  put(hook: WebhookConfig, now: Date): void {
    const { secret: _s, secretFile: _f, previousSecret: _p, name, ...settings } = hook;
    this.db
      .prepare('INSERT INTO webhook_destinations (name, settings, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at')
      .run(name, JSON.stringify(settings), now.getTime(), now.getTime());
  }

  remove(name: string): void {
    this.db.prepare('DELETE FROM webhook_destinations WHERE name = ?').run(name);
    this.db.prepare('DELETE FROM webhook_pauses WHERE name = ?').run(name);
  }

  paused(): Set<string> {
    return new Set(this.db.prepare('SELECT name FROM webhook_pauses').pluck().all() as string[]);
  }

  setPaused(name: string, paused: boolean, now: Date): void {
    if (paused) this.db.prepare('INSERT OR IGNORE INTO webhook_pauses (name, paused_at) VALUES (?, ?)').run(name, now.getTime());
    else this.db.prepare('DELETE FROM webhook_pauses WHERE name = ?').run(name);
  }
}
