import type { FastifyInstance } from 'fastify';
import { gymSettingsSchema, type GymField, type GymSettingsAnswer } from '../../shared/gym.js';
import type { GymSettings } from '../gym/gym-settings.js';
import { validated } from '../http/reply.js';
import type { ScheduleFeed } from '../schedule/feed.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import type { StaffAuth } from './sessions.js';
import { staffOnly } from './staff-routes.js';

export interface GymRouteDeps {
  staffAuth: StaffAuth;
  gym: GymSettings;
  journal: Journal;
  clock: Clock;
  schedule: () => ScheduleFeed | null;
  cloudConfigured: boolean;
}

/**
 * What the cloud owns of these settings. The cloud contract (../shared/cloud-api.md) pulls members, WODs, challenges
 * and boards; it carries no gym name, capacity, opening hours or class schedule, so the box owns all four, with or
 * without a cloud. A field listed here would be refused with CLOUD_NOTE (409 cloud_content).
 */
const CLOUD_OWNED: GymField[] = [];
const CLOUD_NOTE =
  'The cloud’s contract carries no gym name, capacity, opening hours or class schedule (it sends members, WODs and challenges): these are set on this box.';

/** The gym's own settings, for a gym without the cloud (and with one: the cloud has none of them). */
export function registerGymRoutes(app: FastifyInstance, deps: GymRouteDeps): void {
  const guard = staffOnly(deps.staffAuth);
  const answer = (): GymSettingsAnswer => {
    const feed = deps.schedule();
    const today = feed?.answer();
    return {
      values: deps.gym.current(),
      source: deps.gym.source(),
      cloud: { configured: deps.cloudConfigured, owns: deps.cloudConfigured ? CLOUD_OWNED : [], note: deps.cloudConfigured ? CLOUD_NOTE : 'No cloud: this box owns every setting.' },
      schedule: today ? { fetchedAt: today.source?.fetchedAt ?? null, error: today.source?.error ?? null, classesToday: today.classes.length } : null,
    };
  };

  app.get('/api/staff/gym', { preHandler: guard }, async () => answer());

  app.put('/api/staff/gym', { preHandler: guard }, async (request, reply) => {
    const parsed = validated(reply, gymSettingsSchema, request.body);
    if (!parsed) return reply;
    const { by, ...values } = parsed;
    let changed: GymField[] = [];
    const at = deps.clock.now();
    let entry;
    try {
      // The staff action and the stored settings in one transaction: they never disagree.
      entry = deps.journal.append({ type: 'staff_action', occurredAt: at, payload: { action: 'edit_gym_settings', values, ...(by ? { by } : {}) } }, () => {
        changed = deps.gym.put(values);
      });
    } catch (error) {
      deps.gym.reload();
      throw error;
    }
    deps.gym.announce(changed);
    // A new feed address is read at once (floor-screens replaces the feed); wait for that first read, briefly.
    if (changed.includes('scheduleIcs')) await Promise.race([deps.schedule()?.refresh(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    return { ...answer(), journaled: entry.eventId };
  });
}
