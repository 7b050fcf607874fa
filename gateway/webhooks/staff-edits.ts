import type { WebhookDestinationStatus } from '../../shared/webhooks.js';
import type { Logger } from '../log.js';
import type { Journal } from '../store/journal.js';
import type { Lanes } from '../store/lanes.js';
import type { Clock } from '../time/clock.js';
import type { WebhookConfig } from './config.js';
import type { ConsoleDestinations } from './console-destinations.js';
import { createGeneratedSecret, removeGeneratedSecrets, rotateGeneratedSecret } from './secrets.js';
import { laneOf, type LaneWorker } from './lane-worker.js';

/** The destinations running now, changed while the gateway runs (staff-edits.ts is the one caller). */
export interface WebhookRuntime {
  get(name: string): RunningDestination | undefined;
  /** Starts (or, for a name already running, restarts) a destination's lane worker with these settings. */
  install(hook: WebhookConfig, origin: 'file' | 'console'): Promise<void>;
  /** Stops a destination's worker; its lane stays until the caller forgets it. */
  uninstall(name: string): Promise<void>;
  destinationStatus(name: string): WebhookDestinationStatus;
}

export interface RunningDestination {
  hook: WebhookConfig;
  origin: 'file' | 'console';
  worker: LaneWorker;
}

/** Why an edit was not made: the HTTP status, a code and words for staff. */
export interface Refusal {
  refused: { status: 404 | 409; code: string; message: string };
}

type Done<T> = T & { journaled: string };

export interface WebhookEdits {
  add(hook: WebhookConfig, by?: string): Promise<Done<{ destination: WebhookDestinationStatus; secret: string }> | Refusal>;
  edit(hook: WebhookConfig, by?: string): Promise<Done<{ destination: WebhookDestinationStatus }> | Refusal>;
  remove(name: string, by?: string): Promise<Done<{ removed: string; dropped: number }> | Refusal>;
  rotateSecret(name: string, by?: string): Promise<Done<{ destination: WebhookDestinationStatus; secret: string }> | Refusal>;
  setPaused(name: string, paused: boolean, by?: string): Done<{ destination: WebhookDestinationStatus }> | Refusal;
  discard(name: string, eventIds: string[] | 'all', by?: string): Done<{ discarded: number }> | Refusal;
}

export interface WebhookEditDeps {
  runtime: WebhookRuntime;
  store: ConsoleDestinations;
  journal: Journal;
  lanes: Lanes;
  clock: Clock;
  dataDir: string;
  log: Logger;
  /** After a change is applied. */
  changed: () => void;
}

const refuse = (status: 404 | 409, code: string, message: string): Refusal => ({ refused: { status, code, message } });

/** What a staff action fact records of a destination: never a secret, never the URL's query (it may hold a token). */
function described(hook: WebhookConfig) {
  const url = new URL(hook.url);
  return { url: `${url.protocol}//${url.host}${url.pathname}`, events: hook.events, filters: hook.filters, include: hook.include, maxPerSecond: hook.maxPerSecond };
}

/**
 * Webhook destinations changed at the staff console. Each change is a `staff_action` fact journaled in the same
 * transaction as the stored row, then applied at once: a lane worker starts, restarts or stops — no restart of the
 * gateway. Destinations from the config file can be paused, resumed and have dead letters discarded, but their
 * settings and secret belong to the file: an edit, delete or rotation of one is refused with the reason.
 */
export function webhookEdits(deps: WebhookEditDeps): WebhookEdits {
  const { runtime, store, journal, lanes, clock, dataDir } = deps;
  const journaled = (payload: Record<string, unknown>, by: string | undefined, write?: () => void) =>
    journal.append({ type: 'staff_action', occurredAt: clock.now(), payload: { ...payload, ...(by ? { by } : {}) } }, write ? () => write() : undefined).eventId;
  const fromFile = (name: string, what: string) =>
    refuse(409, 'file_content', `Webhook "${name}" is from the config file (webhooks): ${what} it there; the console can pause, resume and discard its dead letters.`);
  /** A console-made destination by name, or why not. */
  const consoleMade = (name: string, what: string) => {
    const running = runtime.get(name);
    if (!running) return refuse(404, 'unknown_webhook', `No webhook named "${name.slice(0, 64)}" is configured.`);
    return running.origin === 'file' ? fromFile(name, what) : running;
  };

  const edits: WebhookEdits = {
    async add(hook, by) {
      const existing = runtime.get(hook.name);
      if (existing) {
        return refuse(409, 'webhook_exists', `A webhook named "${hook.name}" already exists${existing.origin === 'file' ? ' in the config file' : ''}: choose another name.`);
      }
      // The secret is written before the row: a destination never runs unsigned. A failed commit takes it away again.
      const secret = createGeneratedSecret(dataDir, hook.name);
      let eventId: string;
      try {
        eventId = journaled({ action: 'add_webhook', name: hook.name, ...described(hook) }, by, () => store.put(hook, clock.now()));
      } catch (error) {
        removeGeneratedSecrets(dataDir, hook.name);
        throw error;
      }
      await runtime.install(hook, 'console');
      return { destination: runtime.destinationStatus(hook.name), secret, journaled: eventId };
    },

    async edit(hook, by) {
      const running = consoleMade(hook.name, 'edit');
      if ('refused' in running) return running;
      const eventId = journaled({ action: 'edit_webhook', name: hook.name, ...described(hook) }, by, () => store.put(hook, clock.now()));
      await runtime.install(hook, 'console');
      return { destination: runtime.destinationStatus(hook.name), journaled: eventId };
    },

    async remove(name, by) {
      const running = consoleMade(name, 'remove');
      if ('refused' in running) return running;
      const eventId = journaled({ action: 'remove_webhook', name }, by, () => store.remove(name));
      await runtime.uninstall(name);
      const dropped = lanes.forget(laneOf(name));
      removeGeneratedSecrets(dataDir, name);
      return { removed: name, dropped, journaled: eventId };
    },

    async rotateSecret(name, by) {
      const running = consoleMade(name, 'change its secret (secret / secretFile, with previousSecret during the rotation)');
      if ('refused' in running) return running;
      const secret = rotateGeneratedSecret(dataDir, name);
      const eventId = journaled({ action: 'rotate_webhook_secret', name }, by);
      await runtime.install(running.hook, 'console'); // signs with the new and the previous secret from now on
      return { destination: runtime.destinationStatus(name), secret, journaled: eventId };
    },

    setPaused(name, paused, by) {
      const running = runtime.get(name);
      if (!running) return refuse(404, 'unknown_webhook', `No webhook named "${name.slice(0, 64)}" is configured.`);
      const eventId = journaled({ action: paused ? 'pause_webhook' : 'resume_webhook', name }, by, () => store.setPaused(name, paused, clock.now()));
      if (paused) running.worker.pause();
      else running.worker.resume();
      return { destination: runtime.destinationStatus(name), journaled: eventId };
    },

    discard(name, eventIds, by) {
      if (!runtime.get(name)) return refuse(404, 'unknown_webhook', `No webhook named "${name.slice(0, 64)}" is configured.`);
      lanes.flush(); // outcomes still buffered land first: a just-dead delivery is discardable
      let discarded = 0;
      const eventId = journaled({ action: 'discard_webhook_dead_letters', name, eventIds }, by, () => (discarded = lanes.discard(laneOf(name), eventIds)));
      return { discarded, journaled: eventId };
    },
  };
  return announced(edits, deps.changed);
}

/** The same edits, each telling `changed` once it has been made (not when refused). */
function announced(edits: WebhookEdits, changed: () => void): WebhookEdits {
  const tell = <T extends object>(result: T): T => {
    if (!('refused' in result)) changed();
    return result;
  };
  return {
    add: async (hook, by) => tell(await edits.add(hook, by)),
    edit: async (hook, by) => tell(await edits.edit(hook, by)),
    remove: async (name, by) => tell(await edits.remove(name, by)),
    rotateSecret: async (name, by) => tell(await edits.rotateSecret(name, by)),
    setPaused: (name, paused, by) => tell(edits.setPaused(name, paused, by)),
    discard: (name, eventIds, by) => tell(edits.discard(name, eventIds, by)),
  };
}
