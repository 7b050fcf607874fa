/**
 * Issue 12, written as the attack: a Zapier/Slack/Make hook URL carries its secret in the path. A LAN client without
 * a login reads the public status and the metrics; it must learn where the webhooks go (scheme + host), never the path.
 * Staff still read the full URL on GET /api/webhooks (the console card edits it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { webhookConfigSchema } from '../../gateway/webhooks/config.js';
import { newSecret } from '../../gateway/webhooks/signer.js';
import { testGateway } from '../support/gateway.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const BOX = '192.168.1.10:8080';
const STRANGER = '192.168.1.66';
const HOOK_PATH = '/hooks/catch/4471925/3x9kq2Zr'; // the shape of a Zapier catch hook: the path is the credential

let gateway: Gateway | null = null;
let receiver: WebhookReceiver | null = null;
afterEach(async () => {
  await gateway?.close();
  await receiver?.stop();
  gateway = receiver = null;
});

const fromLan = (g: Gateway, url: string, headers: Record<string, string> = {}) =>
  g.http.inject({ method: 'GET', url, remoteAddress: STRANGER, headers: { host: BOX, ...headers } });

describe('webhook URLs on a shared LAN', () => {
  it('a LAN client reading /api/status and /metrics sees the destination host, not the secret path', async () => {
    receiver = new WebhookReceiver([]);
    await receiver.start();
    const origin = new URL(receiver.url).origin;
    const hook = webhookConfigSchema.parse({ name: 'zapier', url: `${origin}${HOOK_PATH}`, secret: newSecret(), events: ['member.checked_in'] });
    gateway = await testGateway({}, { configure: (config) => (config.webhooks = [hook]) });

    const status = await fromLan(gateway, '/api/status');
    expect(status.statusCode).toBe(200);
    expect(status.body).not.toContain('3x9kq2Zr');
    expect(status.body).not.toContain('/hooks/catch');
    expect(status.json().webhooks.destinations[0]).toMatchObject({ name: 'zapier', url: origin });

    const metrics = await fromLan(gateway, '/metrics');
    expect(metrics.body).not.toContain('3x9kq2Zr');

    const staffView = await fromLan(gateway, '/api/webhooks');
    expect(staffView.statusCode).toBe(401); // no credentials: nothing
    const staff = await fromLan(gateway, '/api/webhooks', { authorization: `Bearer ${gateway.staffToken}` });
    expect(staff.json().destinations[0].url).toBe(`${origin}${HOOK_PATH}`);
  });
});
