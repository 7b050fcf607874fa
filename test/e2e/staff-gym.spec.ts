import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { freePort } from '../support/child-gateway.js';
import { repoRoot } from './helpers.js';
import { startOwnGateway, type OwnGateway } from './own-gateway.js';

// A gym without the cloud sets its name, capacity, opening hours and class schedule in the console.
const PIN = '975310';
let gateway: OwnGateway;
let feed: Server;
let feedUrl: string;

test.beforeAll(async () => {
  // The class schedule as the gym's booking system would publish it: an ICS file over HTTP, on loopback.
  const ics = readFileSync(path.join(repoRoot, 'test/e2e/fixtures/classes.ics'), 'utf8');
  feed = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/calendar' }).end(ics));
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/classes.ics`;
  gateway = await startOwnGateway(await freePort(), {}, { FLOORGATE_STAFF_PIN: PIN, FLOORGATE_TIMEZONE: 'UTC' });
});
test.afterAll(async () => {
  await gateway?.stop();
  await new Promise((resolve) => feed?.close(resolve));
});

async function shoot(page: Page, name: string) {
  for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(repoRoot, 'test-results', 'console', `${name}-${size.width}x${size.height}.png`), fullPage: true });
  }
}

test('capacity, the class schedule and opening hours set in the console apply at once: occupancy screen, schedule screen, the door', async ({ page, context, request }) => {
  const occupancy = await context.newPage();
  await occupancy.goto(`${gateway.url}/screen/occupancy`);
  await expect(occupancy.getByTestId('occupancy-capacity')).toHaveCount(0); // no capacity in the config file

  await page.goto(`${gateway.url}/staff/gym`);
  await page.getByLabel('Staff PIN').fill(PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const form = page.getByTestId('gym-settings');
  await expect(form).toContainText('from the config file');
  await expect(form).toContainText('No cloud: this box owns every setting.');
  await form.getByLabel('Gym name (on the screens)').fill('Harbour Strength');
  await form.getByLabel('Capacity (people at once; empty = no limit)').fill('40');
  await form.getByLabel('Class schedule (ICS feed address; empty = none)').fill(feedUrl);
  await form.getByLabel('Your name (optional)').fill('Kim');
  await form.getByRole('button', { name: 'Save gym settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved: check-ins, the occupancy screen and the schedule use it now.');
  await expect(form).toContainText('set here');
  await expect(page.getByTestId('schedule-feed')).toContainText('classes today');

  // Live on the open occupancy screen, without a reload; the schedule screen has the feed's classes.
  await expect(occupancy.getByTestId('occupancy-capacity')).toHaveText('of 40');
  const today = (await (await request.get(`${gateway.url}/api/schedule`)).json()) as { classes: Array<{ title: string; end: string }> };
  expect(today.classes.map((c) => c.title)).toContain('Row Club');
  const schedule = await context.newPage();
  await schedule.goto(`${gateway.url}/screen/schedule`);
  await expect(schedule.getByRole('heading', { name: 'Classes today' })).toBeVisible();
  // The screen leaves out classes that are over: the day's last one shows until it ends.
  const last = today.classes.at(-1)!;
  if (Date.parse(last.end) > Date.now() + 60_000) await expect(schedule.getByText(last.title).first()).toBeVisible();
  await expect(schedule.getByText('Harbour Strength')).toBeVisible(); // a screen opened now carries the new name

  // Opening hours that start two hours from now: the door refuses, and says when the gym is open.
  const hhmm = (offsetH: number) => new Date(Date.now() + offsetH * 3_600_000).toISOString().slice(11, 16);
  await form.getByRole('button', { name: 'Add opening hours' }).click();
  for (const day of ['Sun', 'Sat']) await form.getByLabel(`${day} 1`).check();
  await form.getByLabel('Opens 1').fill(hhmm(2));
  await form.getByLabel('Closes 1').fill(hhmm(3));
  await form.getByRole('button', { name: 'Save gym settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved: check-ins, the occupancy screen and the schedule use it now.');
  await expect(form.getByTestId('opening-window')).toHaveCount(1);
  await shoot(page, 'gym-settings');
  const refused = (await (await request.post(`${gateway.url}/api/checkins`, { data: { badge: '1001' } })).json()) as { decision: string; reason?: { code: string } };
  expect(refused).toMatchObject({ decision: 'denied', reason: { code: 'outside_access_hours' } });

  // A bad address is refused by the gateway with the field named; nothing changes.
  await form.getByLabel('Class schedule (ICS feed address; empty = none)').fill('ftp://example.invalid/classes.ics');
  await form.getByRole('button', { name: 'Save gym settings' }).click();
  await expect(page.getByRole('alert')).toHaveText('scheduleIcs must be an http:// or https:// address of an ICS feed');
});

test('the Connections page shows the class schedule feed and each scheduled job, and runs one now', async ({ page }) => {
  await page.goto(`${gateway.url}/staff/connections`);
  await page.getByLabel('Staff PIN').fill(PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible(); // signed in: the cookie is set
  // The feed as set on the Gym page (through the same API here), read at once.
  const saved = await page.request.put(`${gateway.url}/api/staff/gym`, { data: { name: 'Harbour Strength', capacity: 40, openingHours: [], scheduleIcs: feedUrl } });
  expect(saved.status()).toBe(200);
  await page.reload();
  const schedule = page.getByTestId('schedule-card');
  await expect(schedule).toContainText('Connected');
  await expect(schedule).toContainText(feedUrl);
  await expect(schedule).toContainText(/Last read today \S+( [AP]M)? · 6 classes today/);

  const retention = page.getByTestId('job-retention');
  await expect(retention).toContainText('not since start');
  await expect(retention.locator('td').nth(3)).toHaveText(/\d/); // the next run: a day and a time, not "never"
  await retention.getByRole('button', { name: 'Run retention now' }).click();
  await expect(page.getByTestId('jobs-card').getByRole('status')).toHaveText(/^retention: done in \d+ ms\.$/);
  await expect(retention).toContainText(/OK \(\d+ ms\)/);
  await expect(page.getByTestId('storage-card')).toContainText('Database');
  await shoot(page, 'connections-jobs');
});
