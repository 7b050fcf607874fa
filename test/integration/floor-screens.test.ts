import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Gateway } from '../../gateway/app.js';
import { cloudLeaderboardSchema } from '../../gateway/challenges/cloud-types.js';
import { ChallengeStore } from '../../gateway/challenges/store.js';
import type { AchievementsState } from '../../shared/achievements.js';
import type { LeaderboardView } from '../../shared/leaderboard.js';
import { rooms, type LiveMessage } from '../../shared/live.js';
import type { ChallengesAnswer, Playlist } from '../../shared/screens.js';
import { join, liveClient, testGateway, type LiveClient } from '../support/gateway.js';

let gateway: Gateway | null = null;
const clients: LiveClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await gateway?.close();
  gateway = null;
});

/** Every message a client receives, in order. */
function record(client: LiveClient): LiveMessage[] {
  const seen: LiveMessage[] = [];
  client.on('snapshot', (m) => seen.push(m));
  client.on('delta', (m) => seen.push(m));
  return seen;
}

async function postSession(url: string, memberId: string | null, distanceM: number, endedAt = new Date()) {
  const durationS = Math.max(480, Math.ceil(distanceM / 4)); // 4 m/s: a strong rower, not a forged one
  const startedAt = new Date(endedAt.getTime() - durationS * 1000);
  const response = await fetch(`${url}/api/equipment/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      equipmentId: 'rower-1',
      equipmentType: 'rower',
      memberId,
      startedAt: startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      summary: { distanceM, durationS, avgPowerW: 180, avgPaceSecPer500m: (durationS / distanceM) * 500 },
    }),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { eventId: string }).eventId;
}

function latestBoard(messages: LiveMessage[], room: string): LeaderboardView | null {
  const last = messages.filter((m) => m.room === room && m.kind === 'leaderboard').at(-1);
  return last ? (last.data as LeaderboardView) : null;
}

function rowsOf(view: LeaderboardView | null) {
  return view?.groups.flatMap((g) => g.rows.map((r) => ({ division: g.division, name: r.displayName, value: r.value, provisional: r.provisional }))) ?? [];
}

async function demoChallengeId(url: string): Promise<string> {
  const answer = (await (await fetch(`${url}/api/challenges`)).json()) as ChallengesAnswer;
  const row = answer.challenges.find((c) => c.type === 'distance');
  expect(row).toBeDefined();
  return row!.id;
}

describe('floor screens over the real gateway', () => {
  it('a finished session moves the leaderboard live, in its division, without a hidden member’s name', async () => {
    gateway = await testGateway();
    const challengeId = await demoChallengeId(gateway.url);
    const room = rooms.leaderboard(challengeId);
    const client = liveClient(gateway.url);
    clients.push(client);
    const messages = record(client);
    await join(client, room);
    expect(latestBoard(messages, room)?.groups.map((g) => g.division)).toEqual(['Rx', 'Scaled']);

    await postSession(gateway.url, 'm-anna', 2000);
    await vi.waitFor(() => expect(rowsOf(latestBoard(messages, room))).toEqual([{ division: 'Rx', name: 'Anna S.', value: 2000, provisional: true }]));

    await postSession(gateway.url, 'm-karin', 5000); // privacy: hidden
    await postSession(gateway.url, 'm-crowd-2', 1000); // second of the crowd: Scaled
    await vi.waitFor(() =>
      expect(rowsOf(latestBoard(messages, room))).toEqual([
        { division: 'Rx', name: null, value: 5000, provisional: true },
        { division: 'Rx', name: 'Anna S.', value: 2000, provisional: true },
        { division: 'Scaled', name: 'Hugo J.', value: 1000, provisional: true },
      ]),
    );
    const everything = JSON.stringify(messages);
    expect(everything).not.toMatch(/Karin|Ström|m-karin|m-anna|Svensson/);
    const api = await (await fetch(`${gateway.url}/api/challenges/${challengeId}/leaderboard`)).text();
    expect(api).not.toMatch(/Karin|m-karin/);
  });

  it('a pulled cloud board merges with this box’s sessions, counting none twice', async () => {
    gateway = await testGateway();
    const challengeId = await demoChallengeId(gateway.url);
    const counted = await postSession(gateway.url, 'm-anna', 3000);
    await postSession(gateway.url, 'm-anna', 2000);
    // The uplink's pull writes through a store of its own over the same database.
    new ChallengeStore(gateway.db).putCloudLeaderboard(
      challengeId,
      cloudLeaderboardSchema.parse({
        leaderboard: [
          { rank: 1, member: { id: 'm-far', name: 'Gustav Eriksson' }, value: 40_000, division: 'Rx' },
          { rank: 2, member: { id: 'm-anna', name: 'Anna S.' }, value: 23_000, division: 'Rx' },
        ],
        totalParticipants: 80,
        countedEventIds: [counted],
      }),
      new Date(),
    );
    const view = (await (await fetch(`${gateway.url}/api/challenges/${challengeId}/leaderboard`)).json()) as LeaderboardView;
    expect(rowsOf(view).filter((r) => r.division === 'Rx')).toEqual([
      { division: 'Rx', name: 'Gustav E.', value: 40_000, provisional: false },
      { division: 'Rx', name: 'Anna S.', value: 25_000, provisional: true },
    ]);
    expect(view.participants).toBe(80);
    expect(view.cloudUpdatedAt).not.toBeNull();
  });

  it('a personal record shows up on the achievements room', async () => {
    gateway = await testGateway();
    const client = liveClient(gateway.url);
    clients.push(client);
    const messages = record(client);
    await join(client, rooms.achievements(gateway.config.location.id));
    await postSession(gateway.url, 'm-erik', 2000);
    await postSession(gateway.url, 'm-erik', 2500);
    await vi.waitFor(() => {
      const last = messages.filter((m) => m.kind === 'achievements').at(-1)?.data as AchievementsState | undefined;
      expect(last?.items.map((i) => [i.displayName, i.title])).toContainEqual(['Erik L.', 'Longest row']);
    });
  });

  it('serves playlists from the config, naming the known ones for a typo', async () => {
    gateway = await testGateway();
    const playlist = (await (await fetch(`${gateway.url}/api/playlists/default`)).json()) as Playlist;
    expect(playlist.items.map((i) => i.screen)).toContain('leaderboard');
    // No class schedule is set up here: the default playlist does not rotate through an apology for it.
    expect(playlist.items.map((i) => i.screen)).not.toContain('schedule');
    const missing = await fetch(`${gateway.url}/api/playlists/lobyy`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toMatch(/known: default/);
  });

  it('lets other sites frame the widgets only', async () => {
    const rendererDir = mkdtempSync(path.join(tmpdir(), 'floorgate-renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
    gateway = await testGateway({}, { rendererDir });
    const widget = await fetch(`${gateway.url}/widgets/leaderboard?theme=dark`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-security-policy')).toMatch(/;frame-ancestors \*$/); // after the page policy (http/security-headers.ts)
    expect(widget.headers.get('x-frame-options')).toBeNull();
    const screen = await fetch(`${gateway.url}/screen/leaderboard`);
    expect(screen.headers.get('content-security-policy')).toMatch(/;frame-ancestors 'self'$/);
    expect(screen.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
