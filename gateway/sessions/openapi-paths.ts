import { z } from 'zod';
import { claimRequestSchema } from './routes.js';

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const claimAnswer = z.object({
  ok: z.literal(true),
  outcome: z.enum(['claimed', 'already_yours', 'pending']),
  sessionId: z.string().nullable().optional().describe('The session claimed, when it has ended'),
  until: z.string().optional().describe('pending: the next session on the machine starting before this is the member’s'),
});

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io }) },
});
const error = (description: string) => ({ description, content: json(errorBody) });
const kioskWrite = {
  security: [{}, { kioskToken: [] }],
  requestBody: { required: true, content: json(claimRequestSchema, 'input') },
};
const idParam = (description: string) => [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description }];

/** The session and pairing routes (routes.ts) in the local API's OpenAPI document. */
export const sessionApiPaths = {
  '/api/equipment/{id}/claim': {
    post: {
      summary: 'A badge tap at a machine, from the kiosk: claims its running, just-finished or next session',
      parameters: idParam('The machine’s equipment id'),
      ...kioskWrite,
      responses: {
        200: { description: 'What the tap claimed', content: json(claimAnswer) },
        400: error('The body or id is invalid'),
        401: error('Not from this box and no valid kiosk token'),
        403: error('Cross-origin request'),
        404: error('unknown_badge or unknown_equipment'),
        409: error('taken: someone else is on this machine'),
      },
    },
  },
  '/api/sessions/{id}/claim': {
    post: {
      summary: 'Claims a finished anonymous session; journaled as a second equipment_session fact with claimOf',
      parameters: idParam('The sessionId'),
      ...kioskWrite,
      responses: {
        200: { description: 'Claimed (or already this member’s)', content: json(claimAnswer) },
        404: error('unknown_badge or unknown_session'),
        409: error('taken: the session already belongs to a member'),
      },
    },
  },
  '/api/sessions/claimable': {
    get: { summary: 'Anonymous sessions of the last day, newest first (no member data)', responses: { 200: { description: '{ sessions: [...] }' } } },
  },
  '/api/straps/{id}/pairing': {
    put: {
      summary: 'Pairs a heart-rate strap with the member whose badge is given',
      parameters: idParam('The strap’s equipment id'),
      ...kioskWrite,
      security: [{ staffToken: [] }, { staffSession: [] }],
      responses: { 200: { description: 'Paired', content: json(claimAnswer) }, 401: error('Staff only'), 404: error('unknown_badge') },
    },
    delete: {
      summary: 'Unpairs a heart-rate strap (staff)',
      parameters: idParam('The strap’s equipment id'),
      security: [{ staffToken: [] }, { staffSession: [] }],
      responses: { 200: { description: 'Unpaired' }, 404: error('not_paired') },
    },
  },
};
