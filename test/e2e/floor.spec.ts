import { expect, test } from '@playwright/test';
import type { CheckInResult } from '../../shared/checkin.js';
import { Mosquitto } from '../support/mosquitto.js';
import { saveScreen } from './helpers.js';
import { startOwnGateway, type OwnGateway } from './own-gateway.js';

// Ports of this file's own gateways (the shared e2e gateway is on FLOORGATE_E2E_PORT).
const BASE = Number(process.env.FLOORGATE_E2E_PORT ?? 18180);
const boxes = [
  { id: 'entrance', name: 'Entrance', port: BASE + 41, password: 'entrance-pass-1' },
  { id: 'upstairs', name: 'Upstairs', port: BASE + 42, password: 'upstairs-pass-1' },
];

test.describe('one floor, two boxes over Mosquitto', () => {
  const broker = new Mosquitto(boxes.map((b) => ({ user: b.id, password: b.password, role: 'box' as const })));
  const gateways: OwnGateway[] = [];

  test.beforeAll(async () => {
    await broker.start();
    for (const box of boxes) {
      gateways.push(
        await startOwnGateway(box.port, { simulator: { rowers: 0, bikes: 0, heartRateStraps: 0 } }, {
          FLOORGATE_FLOOR_BROKER: broker.url,
          FLOORGATE_BOX_ID: box.id,
          FLOORGATE_BOX_NAME: box.name,
          FLOORGATE_FLOOR_PASSWORD: box.password,
        }),
      );
    }
  });

  test.afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await broker.stop();
  });

  test("a check-in at the entrance shows on the upstairs box's occupancy screen", async ({ page, request }) => {
    const [entrance, upstairs] = gateways as [OwnGateway, OwnGateway];
    await expect
      .poll(async () => ((await (await request.get(`${upstairs.url}/api/status`)).json()) as { floor: { summary: string } }).floor.summary)
      .toBe('2 boxes, all reachable');
    await page.goto(`${upstairs.url}/screen/occupancy`);
    const count = page.getByTestId('occupancy-count');
    await expect(page.locator('.screen[data-live="live"]')).toBeVisible();
    await expect(count).toHaveText(/^\d+$/);
    const before = Number(await count.textContent());

    const response = await request.post(`${entrance.url}/api/checkins`, { data: { badge: '1001', method: 'badge' } });
    expect(((await response.json()) as CheckInResult).decision).toBe('accepted');

    await expect.poll(async () => Number(await count.textContent())).toBe(before + 1);
    await saveScreen(page, 'floor-occupancy-upstairs');
  });
});
