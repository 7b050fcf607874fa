import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EquipmentTile } from '../../shared/equipment.js';
import type { FloorView } from '../../shared/floor.js';
import type { LeaderboardView } from '../../shared/leaderboard.js';
import { rooms } from '../../shared/live.js';
import type { OccupancyState } from '../../shared/occupancy.js';
import type { ChallengesAnswer } from '../../shared/screens.js';
import { freePort, killChild, startChildGateway, writeConfig, type ChildGateway } from '../support/child-gateway.js';
import { join, liveClient, nextMessage, tempDataDir } from '../support/gateway.js';
import type { BrokerAccount } from '../support/mosquitto.js';

export const LOCATION = 'main';

export interface BoxSpec {
  id: string;
  name: string;
  /** Simulated rowers this box reads (its machines on the floor). */
  rowers?: number;
  /** Give the password as a 0600 file (FLOORGATE_FLOOR_PASSWORD_FILE) instead of the variable. */
  passwordAsFile?: boolean;
}

/** One gateway process of the floor: `floorgate start` with its own data dir, port and box id. */
export class FloorBox {
  readonly account: BrokerAccount;
  readonly dataDir = tempDataDir();
  child: ChildGateway | null = null;
  port = 0;

  constructor(readonly spec: BoxSpec) {
    this.account = { user: spec.id, password: randomBytes(12).toString('base64url'), role: 'box' };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Joins the broker at `broker`, or runs the floor's embedded broker itself (`floor.listen`) and joins that. */
  async start(broker: string | { listen: number; accountsFile: string }): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const configFile = writeConfig(this.dataDir, {
      location: { id: LOCATION, timezone: 'UTC' },
      simulator: { enabled: true, tapsPerMinute: 0, rowers: this.spec.rowers ?? 0, bikes: 0, heartRateStraps: 0 },
      ...(typeof broker === 'string' ? {} : { floor: broker }),
    });
    const env: Record<string, string> = {
      ...(typeof broker === 'string' ? { FLOORGATE_FLOOR_BROKER: broker } : {}),
      FLOORGATE_BOX_ID: this.spec.id,
      FLOORGATE_BOX_NAME: this.spec.name,
      FLOORGATE_LOG_LEVEL: 'warn',
    };
    if (this.spec.passwordAsFile) {
      const file = path.join(this.dataDir, 'floor-password');
      writeFileSync(file, `${this.account.password}\n`);
      chmodSync(file, 0o600);
      env.FLOORGATE_FLOOR_PASSWORD_FILE = file;
    } else {
      env.FLOORGATE_FLOOR_PASSWORD = this.account.password;
    }
    this.child = await startChildGateway({ port: this.port, dataDir: this.dataDir, configFile, env });
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child) await killChild(this.child, signal);
    this.child = null;
  }

  async get<T>(pathname: string): Promise<T> {
    const response = await fetch(`${this.url}${pathname}`);
    if (!response.ok) throw new Error(`${pathname}: ${response.status}`);
    return (await response.json()) as T;
  }

  async checkIn(badge: string): Promise<{ status: number; body: { eventId?: string; decision?: string; reason?: { code?: string } } }> {
    const response = await fetch(`${this.url}/api/checkins`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ badge }) });
    return { status: response.status, body: (await response.json()) as { eventId?: string; decision?: string } };
  }

  /** A finished session handed over as a LAN bridge would (loopback needs no token). */
  async session(memberId: string, distanceM: number, equipmentId = 'bridge-rower'): Promise<string> {
    const durationS = Math.max(480, Math.ceil(distanceM / 4));
    const endedAt = new Date(Date.now() - 60_000);
    const response = await fetch(`${this.url}/api/equipment/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        equipmentId,
        equipmentType: 'rower',
        memberId,
        startedAt: new Date(endedAt.getTime() - durationS * 1000).toISOString(),
        endedAt: endedAt.toISOString(),
        summary: { distanceM, durationS },
      }),
    });
    if (response.status !== 202) throw new Error(`session refused: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { eventId: string }).eventId;
  }

  floorView(): Promise<FloorView> {
    return this.get<{ floor: FloorView }>('/api/status').then((s) => s.floor);
  }

  tiles(): Promise<EquipmentTile[]> {
    return this.get<{ tiles: EquipmentTile[] }>('/api/equipment').then((a) => a.tiles);
  }

  /** The occupancy count as a screen sees it: the live room's snapshot over socket.io-client. */
  async occupancy(): Promise<number> {
    const client = liveClient(this.url);
    try {
      const room = rooms.occupancy(LOCATION);
      const snapshot = nextMessage(client, 'snapshot', (m) => m.room === room);
      await join(client, room);
      return ((await snapshot).data as OccupancyState).count;
    } finally {
      client.close();
    }
  }

  /** Metres on this box's distance challenge board, per display name. */
  async board(): Promise<Map<string, number>> {
    const answer = await this.get<ChallengesAnswer>('/api/challenges');
    const id = answer.challenges.find((c) => c.type === 'distance')?.id;
    if (!id) throw new Error('no distance challenge');
    const view = await this.get<LeaderboardView>(`/api/challenges/${id}/leaderboard`);
    return new Map(view.groups.flatMap((g) => g.rows.map((r) => [r.displayName ?? '(hidden)', r.value] as const)));
  }
}
