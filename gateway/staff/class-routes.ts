import type { FastifyInstance } from 'fastify';
import type { ClassMode } from '../classes/class-mode.js';
import { startClassSchema } from '../http/api-contract.js';
import { sendError, validated } from '../http/reply.js';
import type { Journal } from '../store/journal.js';
import type { Clock } from '../time/clock.js';
import type { StaffAuth } from './sessions.js';
import { staffOnly } from './staff-routes.js';

/** Class mode by hand: staff start a class now or end the running one; each is a `staff_action` fact. */
export function registerClassRoutes(app: FastifyInstance, deps: { staffAuth: StaffAuth; classes: ClassMode; journal: Journal; clock: Clock }): void {
  const guard = staffOnly(deps.staffAuth);
  app.post('/api/staff/class/start', { preHandler: guard }, async (request, reply) => {
    const input = validated(reply, startClassSchema, request.body);
    if (!input) return reply;
    const outcome = deps.classes.startByHand(input.title, input.minutes);
    if (!outcome.ok) return sendError(reply, 409, outcome.code, outcome.message);
    deps.journal.append({ type: 'staff_action', occurredAt: deps.clock.now(), payload: { action: 'start_class', classId: outcome.state.current?.classId, ...input } });
    return outcome.state;
  });
  app.post('/api/staff/class/stop', { preHandler: guard }, async (_request, reply) => {
    const classId = deps.classes.state().current?.classId;
    const outcome = deps.classes.stopByHand();
    if (!outcome.ok) return sendError(reply, 409, outcome.code, outcome.message);
    deps.journal.append({ type: 'staff_action', occurredAt: deps.clock.now(), payload: { action: 'stop_class', classId } });
    return outcome.state;
  });
}
