import type { FastifyInstance } from 'fastify';
import type { JobRunAnswer, JobsAnswer } from '../../shared/staff.js';
import { nameParamsSchema } from '../http/api-contract.js';
import { sendError, validated } from '../http/reply.js';
import type { JobScheduler } from '../jobs/schedule.js';
import type { StaffAuth } from './sessions.js';
import { staffOnly } from './staff-routes.js';

/** The Connections page's jobs card: each scheduled job's last and next run, and "Run now". */
export function registerJobRoutes(app: FastifyInstance, deps: { staffAuth: StaffAuth; jobs: JobScheduler }): void {
  const guard = staffOnly(deps.staffAuth);

  app.get('/api/staff/jobs', { preHandler: guard }, async (): Promise<JobsAnswer> => ({ jobs: deps.jobs.list() }));

  app.post('/api/staff/jobs/:name/run', { preHandler: guard }, async (request, reply): Promise<JobRunAnswer | typeof reply> => {
    const params = validated(reply, nameParamsSchema, request.params);
    if (!params) return reply;
    const run = deps.jobs.runNow(params.name);
    if (!run) {
      const known = deps.jobs.list().map((j) => j.name).join(', ');
      return sendError(reply, 404, 'unknown_job', `No job "${params.name.slice(0, 40)}" on this box (jobs: ${known}).`);
    }
    await run;
    return { job: deps.jobs.list().find((j) => j.name === params.name)! };
  });
}
