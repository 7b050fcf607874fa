import type { FastifyInstance } from 'fastify';
import type { Wod } from '../../shared/checkin.js';
import { wodInputSchema, type StaffWodsAnswer } from '../../shared/staff.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import { localTime } from '../time/local-time.js';
import type { WodStore } from '../wods/wod-store.js';
import { wodDateParamsSchema } from '../http/api-contract.js';
import { sendError, validated } from '../http/reply.js';
import type { StaffAuth } from './sessions.js';
import { staffOnly } from './staff-routes.js';

const DAYS_SHOWN = 7;
const DAYS_AHEAD_ALLOWED = 60;
const DAY_MS = 86_400_000;

export interface WodRouteDeps {
  staffAuth: StaffAuth;
  locationId: string;
  timezone: string;
  wods: WodStore;
  journal: Journal;
  clock: Clock;
  /** A cloud is configured: it is the source of WODs, and the console refuses to edit them. */
  cloudConfigured: boolean;
}

const CLOUD_OWNS_WODS = 'This gym’s WODs come from the cloud (pulled every day): write them there. The cloud’s contract has no call to send a WOD upstream.';

/** The WOD editor of a gym without the cloud: today and the coming days, stored locally, journaled as staff actions. */
export function registerWodRoutes(app: FastifyInstance, deps: WodRouteDeps): void {
  const guard = staffOnly(deps.staffAuth);
  const dayOf = (offset: number) => localTime(new Date(deps.clock.now().getTime() + offset * DAY_MS), deps.timezone).date;

  app.get('/api/staff/wods', { preHandler: guard }, async (): Promise<StaffWodsAnswer> => {
    const days = Array.from({ length: DAYS_SHOWN }, (_, i) => dayOf(i)).map((date) => ({ date, wod: deps.wods.get(deps.locationId, date) }));
    return { readOnlyReason: deps.cloudConfigured ? CLOUD_OWNS_WODS : null, days };
  });

  app.put('/api/staff/wods/:date', { preHandler: guard }, async (request, reply) => {
    if (deps.cloudConfigured) return sendError(reply, 409, 'cloud_content', CLOUD_OWNS_WODS);
    const params = validated(reply, wodDateParamsSchema, request.params);
    if (!params) return reply;
    const { date } = params;
    if (date < dayOf(-1) || date > dayOf(DAYS_AHEAD_ALLOWED)) {
      return sendError(reply, 400, 'invalid_request', `date must be a day (YYYY-MM-DD) from yesterday to ${DAYS_AHEAD_ALLOWED} days ahead`);
    }
    const parsed = validated(reply, wodInputSchema, request.body);
    if (!parsed) return reply;
    const { title, restDay, parts, notes } = parsed;
    if (restDay && parts.length > 0) {
      return sendError(reply, 400, 'invalid_request', 'restDay: a rest day has no parts — untick Rest day, or remove the parts');
    }
    if (!restDay && parts.length === 0) {
      return sendError(reply, 400, 'invalid_request', 'parts must have at least one line (or mark the day a rest day)');
    }
    const wod: Wod = { date, title, restDay, parts, ...(notes ? { notes } : {}), source: 'local' };
    // Journal and table in one transaction: the fact and what the screens read never disagree.
    deps.journal.append({ type: 'staff_action', occurredAt: deps.clock.now(), payload: { action: 'write_wod', wod } }, () => deps.wods.put(deps.locationId, wod));
    return { wod };
  });
}
