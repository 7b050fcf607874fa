/**
 * Crash test: a real gateway process is SIGKILLed at random moments while check-ins and sessions
 * are submitted and the cloud double goes up and down. After the last restart and a drain, every
 * event whose submission was acknowledged has been accepted by the cloud exactly once.
 * FLOORGATE_CRASH_KILLS sets the number of kills (20 in npm test; `npm run soak` runs hundreds).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../gateway/devices/simulator/random.js';
import { CloudDouble } from '../cloud-double/server.js';
import { freePort, killChild, startChildGateway, writeConfig, type ChildGateway } from '../support/child-gateway.js';
import { tempDataDir } from '../support/gateway.js';

const KILLS = Number(process.env.FLOORGATE_CRASH_KILLS ?? 20);
const SEED = Number(process.env.FLOORGATE_CRASH_SEED ?? 20261122);

const session = (i: number) => ({
  equipmentId: `row-${i % 7}`,
  equipmentType: 'rower',
  memberId: null,
  startedAt: new Date(Date.now() - 600_000).toISOString(),
  endedAt: new Date().toISOString(),
  summary: { distanceM: 2000 + i, durationS: 480 },
});

describe('crash safety', () => {
  const cloud = new CloudDouble();
  let gateway: ChildGateway | null = null;
  afterAll(async () => {
    if (gateway) await killChild(gateway);
    await cloud.stop();
  });

  it(`loses nothing and counts nothing twice across ${KILLS} SIGKILLs`, { timeout: 60_000 + KILLS * 6_000 }, async () => {
    const random = seededRandom(SEED);
    await cloud.start();
    const dataDir = tempDataDir();
    const port = await freePort();
    const configFile = writeConfig(dataDir, {
      cloud: { url: cloud.url, apiKey: cloud.apiKey, tier: 'unlimited' },
      checkin: { antiPassbackMinutes: 0 },
      simulator: { enabled: true, tapsPerMinute: 0, rowers: 0, bikes: 0, heartRateStraps: 0 },
    });
    const acked = new Map<string, 'check_in' | 'equipment_session'>();
    let submitted = 0;

    for (let kill = 0; kill < KILLS; kill++) {
      // The cloud is up for some runs and down for others.
      if (random() < 0.5) {
        if (!cloud.running) await cloud.start();
      } else if (cloud.running) {
        await cloud.stop();
      }
      gateway = await startChildGateway({ port, dataDir, configFile });
      const url = gateway.url;
      let stop = false;
      const worker = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const n = submitted++;
          const isCheckIn = (n + w) % 3 !== 0;
          try {
            const response = await fetch(`${url}${isCheckIn ? '/api/checkins' : '/api/equipment/sessions'}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(isCheckIn ? { badge: String(1010 + (n % 20)) } : session(n)),
            });
            if (response.status === 200 || response.status === 202) {
              const body = (await response.json()) as { eventId: string };
              acked.set(body.eventId, isCheckIn ? 'check_in' : 'equipment_session');
            }
          } catch {
            return; // the process died under the request: not acknowledged
          }
        }
      };
      const workers = [0, 1, 2].map(worker);
      // Kill at a random moment, while requests are in flight.
      await new Promise((resolve) => setTimeout(resolve, 50 + random() * 500));
      await killChild(gateway);
      stop = true;
      await Promise.all(workers);
      gateway = null;
    }

    if (!cloud.running) await cloud.start();
    gateway = await startChildGateway({ port, dataDir, configFile });
    const final = gateway.url;
    await expect
      .poll(async () => ((await (await fetch(`${final}/api/status`)).json()) as { queue: { depth: number } }).queue.depth, {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(0);

    const acceptedCount = new Map<string, number>();
    for (const event of cloud.accepted) acceptedCount.set(event.eventId, (acceptedCount.get(event.eventId) ?? 0) + 1);
    const lost = [...acked.keys()].filter((id) => !acceptedCount.has(id));
    const countedTwice = [...acceptedCount.values()].filter((n) => n > 1).length;
    const kinds = [...acked.values()];
    console.log(
      `crash test: ${KILLS} kills, ${acked.size} acknowledged (${kinds.filter((k) => k === 'check_in').length} check-ins, ` +
        `${kinds.filter((k) => k !== 'check_in').length} sessions), ${cloud.counters.accepted} accepted, ` +
        `${cloud.counters.duplicate} duplicates answered, ${lost.length} lost, ${countedTwice} counted twice (seed ${SEED})`,
    );
    expect(acked.size).toBeGreaterThan(KILLS); // the test did submit under every life
    expect(lost).toEqual([]);
    expect(countedTwice).toBe(0);
  });
});
