/**
 * Crash safety of webhooks: a real gateway process is SIGKILLed while check-ins arrive and the receiver goes up and
 * down. After the last restart every acknowledged check-in reaches the receiver at least once, verified by
 * standardwebhooks, with its eventId as webhook-id. FLOORGATE_WEBHOOK_CRASH_KILLS sets the number of kills.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../gateway/devices/simulator/random.js';
import { newSecret } from '../../gateway/webhooks/signer.js';
import { freePort, killChild, startChildGateway, writeConfig, type ChildGateway } from '../support/child-gateway.js';
import { tempDataDir } from '../support/gateway.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const KILLS = Number(process.env.FLOORGATE_WEBHOOK_CRASH_KILLS ?? 6);
const SEED = 20261129;

describe('webhooks across SIGKILLs', () => {
  const secret = newSecret();
  const receiver = new WebhookReceiver([secret]);
  let gateway: ChildGateway | null = null;
  afterAll(async () => {
    if (gateway) await killChild(gateway);
    await receiver.stop();
  });

  it(`delivers every acknowledged check-in at least once, same webhook-id, across ${KILLS} kills`, { timeout: 60_000 + KILLS * 6_000 }, async () => {
    const random = seededRandom(SEED);
    await receiver.start();
    const dataDir = tempDataDir();
    const port = await freePort();
    const configFile = writeConfig(dataDir, {
      checkin: { antiPassbackMinutes: 0 },
      simulator: { enabled: true, tapsPerMinute: 0, rowers: 0, bikes: 0, heartRateStraps: 0 },
      webhooks: [{ name: 'door', url: receiver.url, secret, events: ['member.checked_in', 'member.denied'], retry: { baseMs: 20, capMs: 200 } }],
    });
    const acked = new Set<string>();
    let submitted = 0;
    let receiverUp = true;

    for (let kill = 0; kill < KILLS; kill++) {
      if (random() < 0.4 && receiverUp) {
        await receiver.stop();
        receiverUp = false;
      } else if (!receiverUp) {
        await receiver.start();
        receiverUp = true;
      }
      gateway = await startChildGateway({ port, dataDir, configFile });
      let stop = false;
      const worker = async () => {
        while (!stop) {
          const n = submitted++;
          try {
            const response = await fetch(`${gateway!.url}/api/checkins`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ badge: String(1001 + (n % 30)) }),
            });
            if (response.status === 200) acked.add(((await response.json()) as { eventId: string }).eventId);
          } catch {
            return; // died under the request: not acknowledged
          }
        }
      };
      const workers = [worker(), worker()];
      await new Promise((resolve) => setTimeout(resolve, 300 + random() * 1500)); // a random moment to kill at
      await killChild(gateway);
      stop = true;
      await Promise.all(workers);
    }

    if (!receiverUp) await receiver.start();
    gateway = await startChildGateway({ port, dataDir, configFile });
    await receiver.until(() => [...acked].every((id) => receiver.ids.includes(id)));
    expect(acked.size).toBeGreaterThanOrEqual(KILLS); // kills land while check-ins are being answered
    expect(receiver.rejected).toEqual([]);
    const received = new Set(receiver.ids);
    expect([...acked].filter((id) => !received.has(id))).toEqual([]);
    // At least once: a kill before an outcome's commit sends that event again — same webhook-id, same bytes.
    const first = new Map<string, string>();
    for (const r of receiver.received) {
      const body = JSON.stringify(r.body);
      expect(first.get(r.id) ?? body).toBe(body);
      first.set(r.id, body);
    }
  });
});
