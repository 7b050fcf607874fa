import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { assertDocumented } from '../../gateway/http/api-contract.js';

describe('the API contract guards the routes', () => {
  it('refuses to serve an API route the contract does not describe, and lets pages and documented routes through', async () => {
    const app = Fastify();
    app.addHook('onRoute', (route) => assertDocumented(route.method, route.url));
    expect(() => app.get('/api/sessions/:id/secret', async () => ({}))).toThrow(
      'GET /api/sessions/:id/secret is not in the API contract: add it to apiRoutes in gateway/http/api-contract.ts',
    );
    expect(() => app.patch('/api/checkins', async () => ({}))).toThrow(/PATCH \/api\/checkins is not in the API contract/);
    expect(() => app.post('/api/sessions/:id/claim', async () => ({}))).not.toThrow();
    expect(() => app.get('/screen/*', async () => 'page')).not.toThrow();
    await app.close();
  });
});
