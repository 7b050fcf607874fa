import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CheckInResult } from '../shared/checkin.js';
import { rooms, type RoomKind, type RoomPayloads } from '../shared/live.js';
import type { EquipmentSession } from '../shared/sessions.js';
import type { GatewayStatus } from '../shared/status.js';
import { CheckInDesk, type CheckInAttempt, type CheckInPayload } from './checkin/desk.js';
import { LastAdmissions } from './checkin/admissions.js';
import { withPersonalizedWod } from './checkin/personalized-wod.js';
import type { FloorgateConfig } from './config/schema.js';
import { screenConfigFrom } from './screens/screen-config.js';
import demoRoster from './devices/simulator/demo-roster.json' with { type: 'json' };
import { demoWod } from './wods/demo-wods.js';
import { Simulator } from './devices/simulator/simulator.js';
import { createAdapters } from './devices/create-adapters.js';
import type { DeviceAdapter, DeviceSink } from './devices/types.js';
import { systemClock, type Clock } from './time/clock.js';
import { localTime } from './time/local-time.js';
import { displayName, type Member } from './members/member.js';
import { EquipmentBoard } from './equipment/board.js';
import { FloorEvents } from './floor-events.js';
import { normalizeBadge } from './checkin/badge.js';
import { registerSessionRoutes } from './sessions/routes.js';
import { SessionService } from './sessions/service.js';
import { bearer, isLoopback, loadOrCreateKioskToken, loadOrCreateStaffToken, tokenMatches } from './http/access.js';
import { createMetrics } from './status/metrics.js';
import { runRetention } from './jobs/retention.js';
import { startFloorScreens } from './screens/floor-screens.js';
import { registerScreenRoutes } from './screens/routes.js';
import { registerOccupancyRoutes } from './occupancy/routes.js';
import { JobScheduler } from './jobs/schedule.js';
import { buildHttpServer } from './http/server.js';
import { LiveHub } from './live/hub.js';
import { createLogger, type Logger } from './log.js';
import { OccupancyTracker } from './occupancy/tracker.js';
import { memberSchema } from './members/member-schema.js';
import { databaseBytes, isDiskFull, type Db } from './store/database.js';
import { acceptedCheckInsSince } from './checkin/recent-checkins.js';
import { openStore, type Store } from './store/open-store.js';
import type { Outbox } from './store/outbox.js';
import type { RosterStore } from './members/roster-store.js';
import type { WodStore } from './wods/wod-store.js';
import type { ChallengeSink } from './uplink/pulls.js';
import { createCloudLink, type CloudLink } from './uplink/cloud-link.js';
import type { Uplink, UplinkOptions } from './uplink/uplink.js';

export const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../dist/renderer', import.meta.url));
const RECENT_CHECKINS_KEPT = 5;

export interface GatewayOptions {
  clock?: Clock;
  log?: Logger;
  rendererDir?: string;
  /** Extra device adapters (tests, replay); the simulator is added from config. */
  adapters?: DeviceAdapter[];
  /** Retry/backoff settings of the uplink (tests shorten them). */
  uplink?: UplinkOptions;
}

export interface Gateway {
  config: FloorgateConfig;
  floor: FloorEvents;
  url: string;
  port: number;
  kioskToken: string;
  db: Db;
  desk: CheckInDesk;
  /** Equipment sessions: detection, pairing, claims. */
  sessions: SessionService;
  /** The path every check-in takes (screens and readers): decide, commit, personalize, show. */
  checkIn(attempt: CheckInAttempt): Promise<CheckInResult>;
  store: Store;
  cloud: CloudLink | null;
  uplink: Uplink | null;
  outbox: Outbox;
  staffToken: string;
  status(): GatewayStatus;
  close(): Promise<void>;
}

/** Loads the demo members and a week of demo WODs, without overwriting anything real. */
function seedDemoData(config: FloorgateConfig, roster: RosterStore, wods: WodStore, clock: Clock): void {
  if (roster.count() === 0) {
    roster.upsert((demoRoster.members as unknown[]).map((m) => memberSchema.parse(m)), clock.now());
  }
  for (let day = 0; day < 7; day++) {
    const date = localTime(new Date(clock.now().getTime() + day * 86_400_000), config.location.timezone).date;
    if (!wods.get(config.location.id, date)) wods.put(config.location.id, demoWod(date));
  }
}

export async function startGateway(config: FloorgateConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.logLevel);
  const startedAt = clock.now();
  const locationId = config.location.id;

  const store = openStore(config, clock, log);
  const { db, journal, outbox, roster, wods, alerts } = store;
  const kioskToken = loadOrCreateKioskToken(config.dataDir);
  const staffToken = loadOrCreateStaffToken(config.dataDir);
  if (config.simulator.enabled) seedDemoData(config, roster, wods, clock);

  // Pulled challenges go into the screens' challenge store (created below), whose changes republish the boards.
  const challengeSink: ChallengeSink = {
    replaceActiveChallenges: (challenges, now) => screens.challenges.replaceActiveChallenges(challenges, now),
    putCloudLeaderboard: (challengeId, board, now) => screens.challenges.putCloudLeaderboard(challengeId, board, now),
  };
  const cloud = createCloudLink({ config, store, clock, log, challenges: challengeSink, ...(options.uplink ? { uplinkOptions: options.uplink } : {}) });
  const uplink = cloud?.uplink ?? null;
  const jobs = new JobScheduler(log, config.location.timezone);
  jobs.add({
    name: 'retention',
    cron: config.storage.retentionCron,
    run: () => runRetention(store, config.storage.retentionDays, clock.now(), log),
  });
  cloud?.schedule(jobs);

  // The hub exists once the HTTP server does; until then there is nobody to tell.
  let hub: LiveHub | null = null;
  const publish = <K extends RoomKind>(room: string, kind: K, data: RoomPayloads[K]) => hub?.publish(room, kind, data);

  const occupancy = new OccupancyTracker({
    locationId,
    timezone: config.location.timezone,
    capacity: config.location.capacity,
    dwellMinutes: config.checkin.dwellMinutes,
    clock,
    onChange: (state) => publish(rooms.occupancy(locationId), 'occupancy', state),
  });
  // After a restart: who is in, and who checked in too recently to do it again, from the journal's tail.
  const lookBackMinutes = Math.max(config.checkin.dwellMinutes, config.checkin.antiPassbackMinutes);
  const recentVisits = acceptedCheckInsSince(db, new Date(clock.now().getTime() - lookBackMinutes * 60_000));
  occupancy.load(recentVisits);
  const admissions = new LastAdmissions(config.checkin.antiPassbackMinutes * 60_000);
  for (const visit of recentVisits) admissions.admit(visit);

  const floor = new FloorEvents();
  const recent: CheckInResult[] = [];
  const desk = new CheckInDesk({
    config,
    clock,
    roster,
    admissions,
    journal,
    wods,
    occupancy,
    isOnline: () => uplink?.isOnline() ?? false,
    // Runs after the commit: nothing here may turn a stored decision into an error for the member.
    onDecided: (result, payload) => {
      log.info({ eventId: result.eventId, decision: result.decision, reason: payload.reason, source: payload.source }, 'check-in');
      try {
        if (payload.memberId && result.decision === 'accepted') {
          const at = localTime(new Date(result.decidedAt), config.location.timezone).hhmm;
          const wod = result.wod ? (result.wod.restDay ? ' Today is a rest day.' : ` Today's WOD: ${result.wod.title}.`) : '';
          publish(rooms.notifications(payload.memberId), 'notifications', [
            { id: result.eventId, at: result.decidedAt, text: `Checked in at ${at}.${wod}` },
          ]);
        }
        uplink?.kick();
        floor.emit('checkin', result, payload); // door relay, strap pairing, …
      } catch (error) {
        log.error({ err: error, eventId: result.eventId }, 'after a stored check-in, a follow-up failed');
      }
    },
  });

  let diskFullAlerted = false;
  /** Every check-in, from screens and readers alike: decide + commit, then the cloud's WOD if it comes in time, then show. */
  const checkIn = async (attempt: CheckInAttempt): Promise<CheckInResult> => {
    let decided: CheckInResult;
    let payload: CheckInPayload | undefined;
    try {
      decided = desk.checkIn(attempt, (p) => (payload = p));
    } catch (error) {
      if (isDiskFull(error)) {
        diskFullAlerted = true;
        alerts.raise('disk_full', "The box's disk budget is full: check-ins are being refused. Free space or raise storage.maxDatabaseMB.");
      }
      throw error;
    }
    if (diskFullAlerted) {
      diskFullAlerted = false;
      alerts.resolve('disk_full'); // check-ins are being stored again
    }
    const shown = await withPersonalizedWod(decided, payload!, {
      client: cloud?.client ?? null,
      online: uplink?.isOnline() ?? false,
      timeoutMs: config.cloud.checkInTimeoutMs,
      log,
    });
    recent.unshift(shown);
    recent.length = Math.min(recent.length, RECENT_CHECKINS_KEPT);
    publish(rooms.entrance(locationId), 'entrance', [shown]);
    return shown;
  };

  const memberNames = new Map<string, string | null>();
  const board = new EquipmentBoard({
    clock,
    offlineAfterMs: config.screens.equipment.offlineAfterS * 1000,
    staleAfterMs: config.screens.equipment.staleAfterS * 1000,
    minIntervalMs: 1000 / config.screens.equipment.maxUpdatesPerSecond,
    resolveDisplayName: (memberId) => {
      if (!memberNames.has(memberId)) {
        const member = roster.findById(memberId);
        memberNames.set(memberId, member ? displayName(member) : null);
      }
      return memberNames.get(memberId) ?? null;
    },
    onChange: (tiles) => publish(rooms.equipment(locationId), 'equipment', tiles),
  });
  const sweep = setInterval(() => {
    board.sweep();
    const faults = adapters.flatMap((a) => a.status()).filter((s) => s.state === 'error' && s.equipmentId);
    board.reportProblems(new Map(faults.map((s) => [s.equipmentId!, s.detail?.split(';')[0] ?? 'device fault'])));
  }, 1_000);
  sweep.unref();

  const screens = startFloorScreens({
    config,
    db,
    floor,
    roster,
    clock,
    log,
    publishLeaderboard: (challengeId, view) => publish(rooms.leaderboard(challengeId), 'leaderboard', view),
    publishAchievements: (state) => publish(rooms.achievements(locationId), 'achievements', state),
    notifyMember: (memberId, note) => publish(rooms.notifications(memberId), 'notifications', [note]),
    ...(config.simulator.enabled ? { demoMembers: demoRoster.members as Member[] } : {}),
  });

  const sessions = new SessionService({
    db,
    journal,
    clock,
    floor,
    log: log.child({ part: 'sessions' }),
    locationId,
    config: config.sessions,
    memberByBadge: (badge) => roster.findByBadge(normalizeBadge(badge, config.checkin.badgeFormat))?.id ?? null,
  });

  const adapters: DeviceAdapter[] = [...(options.adapters ?? [])];
  adapters.push(...createAdapters(config.devices, { log, clock, floor, dataDir: config.dataDir }));
  if (config.simulator.enabled) {
    const demo = demoRoster.members as Member[];
    const crowd = demo.filter((m) => m.id.startsWith('m-crowd-'));
    adapters.push(
      new Simulator({
        ...config.simulator,
        badges: crowd.map((m) => m.badgeIds[0]!),
        athletes: crowd.map((m) => m.id),
      }),
    );
  }

  const status = (): GatewayStatus => {
    const now = clock.now().getTime();
    const queue = outbox.stats();
    const link = uplink?.getStatus();
    return {
      version: VERSION,
      locationId,
      startedAt: startedAt.toISOString(),
      uplink: {
        state: link?.state ?? 'standalone',
        cloudUrl: config.cloud.url ?? null,
        tier: cloud ? config.cloud.tier : null,
        lastSuccessAt: link?.lastSuccessAt?.toISOString() ?? null,
        lastError: link?.lastError ?? null,
        nextAttemptAt: link?.nextAttemptAt?.toISOString() ?? null,
      },
      queue: {
        depth: queue.depth,
        oldestAt: queue.oldestAt?.toISOString() ?? null,
        byType: Object.fromEntries(
          Object.entries(queue.byType).map(([type, q]) => [
            type,
            { depth: q.depth, oldestAgeS: q.oldestAt ? Math.max(0, Math.round((now - Date.parse(q.oldestAt)) / 1000)) : null },
          ]),
        ),
        deadLetters: queue.deadLetters,
        produced: queue.produced,
        delivered: queue.delivered,
        shed: queue.shed,
      },
      storage: {
        databaseBytes: databaseBytes(db),
        maxDatabaseBytes: config.storage.maxDatabaseMB * 1024 * 1024,
        pendingTelemetryBytes: queue.pendingTelemetryBytes,
        telemetryQuotaBytes: config.storage.telemetryQuotaMB * 1024 * 1024,
      },
      pulls: cloud?.pullStatus() ?? [],
      alerts: alerts.open(),
      roster: { members: roster.count() },
      devices: adapters.flatMap((a) => a.status()),
    };
  };

  const http = await buildHttpServer({
    log,
    version: VERSION,
    rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    kioskToken,
    screenConfig: screenConfigFrom(config),
    status,
    checkIn,
    metrics: createMetrics(status),
    staffToken,
    staffPin: config.staff.pin ?? null,
    staff: cloud?.staff ?? null,
    allowedHosts: new Set(config.allowedHosts),
    ingestSession: async (input) => {
      const entry = await journal.appendBuffered({
        type: 'equipment_session',
        occurredAt: new Date(input.endedAt),
        payload: { ...input, locationId },
      });
      const session: EquipmentSession = { ...input, equipmentName: input.equipmentName ?? input.equipmentId, eventId: entry.eventId };
      floor.emit('session', session);
      uplink?.kick();
      return session;
    },
  });
  registerSessionRoutes(http, sessions, kioskToken);
  http.get('/api/kiosk-config', async () => config.kiosk); // what the Electron kiosk shows where (electron/kiosk-config.ts)
  registerScreenRoutes(http, {
    locationId,
    timezone: config.location.timezone,
    screens: config.screens,
    clock,
    leaderboards: screens.leaderboards,
    achievements: screens.achievements,
    schedule: screens.schedule,
    wods,
    equipment: () => board.snapshot(),
  });
  registerOccupancyRoutes(http, { store, clock, locationId, timezone: config.location.timezone });
  await http.listen({ port: config.port, host: config.host });
  const port = (http.server.address() as { port: number }).port;

  hub = new LiveHub(http.server, {
    snapshot: (kind, id) => {
      const snapshots: { [K in RoomKind]: () => RoomPayloads[K] | null } = {
        occupancy: () => (id === locationId ? occupancy.state() : null),
        equipment: () => (id === locationId ? board.snapshot() : null),
        entrance: () => (id === locationId ? recent : null),
        leaderboard: () => screens.leaderboards.view(id),
        achievements: () => (id === locationId ? screens.achievements.state() : null),
        notifications: () => [],
        staff: () => (id === locationId ? status() : null),
      };
      return snapshots[kind]() as RoomPayloads[typeof kind] | null;
    },
    authorizeJoin: (socket, room) => {
      const token = (socket.handshake.auth as { token?: string } | undefined)?.token ?? bearer(socket.handshake.headers.authorization);
      if (room.kind === 'staff') return tokenMatches(token, staffToken) ? null : 'the staff room needs the staff token';
      if (room.kind !== 'notifications') return null; // floor screens are public and read-only
      return isLoopback(socket.handshake.address) || tokenMatches(token, kioskToken)
        ? null
        : 'member rooms need the kiosk token';
    },
  });

  // What adapters hand over. Nothing thrown here may reach an adapter's I/O callback (it would end the process).
  const sink: DeviceSink = {
    badge: (scan) => {
      try {
        // A reader on a machine claims that machine's session; it does not check anyone in.
        if (scan.equipmentId) return void sessions.tapAtMachine(scan.equipmentId, scan.badge, `reader:${scan.source}`);
        checkIn(scan).catch((error: unknown) => log.error({ err: error, source: scan.source }, 'check-in from a reader could not be stored'));
      } catch (error) {
        log.error({ err: error, source: scan.source }, 'badge tap at a machine could not be stored');
      }
    },
    reading: (reading) => {
      try {
        reading = sessions.ingest(reading); // sessions first: they know who is on the machine
        board.ingest(reading);
        floor.emit('reading', reading);
      } catch (error) {
        log.error({ err: error, equipmentId: reading.equipmentId }, 'reading could not be handled');
      }
    },
  };
  sessions.start();
  for (const adapter of adapters) await adapter.start(sink);
  cloud?.start();

  // Staff see the box's state live: on every uplink change, alert, and every few seconds otherwise.
  // The status reads the queue (a scan of pending events): only when staff are watching.
  const staffRoom = rooms.staff(locationId);
  const publishStatus = () => {
    if (hub?.hasListeners(staffRoom)) publish(staffRoom, 'staff', status());
  };
  uplink?.on('state', publishStatus);
  alerts.on('changed', publishStatus);
  const statusTicker = setInterval(publishStatus, 5_000);
  statusTicker.unref();

  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;

  let closed = false;
  return {
    config,
    floor,
    url,
    port,
    kioskToken,
    staffToken,
    db,
    desk,
    sessions,
    checkIn,
    store,
    cloud,
    uplink,
    outbox,
    status,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweep);
      board.stop();
      clearInterval(statusTicker);
      jobs.stop();
      occupancy.stop();
      for (const adapter of adapters) await adapter.stop();
      sessions.stop(); // running sessions end here and are journaled: nothing rowed is lost
      screens.close(); // after sessions: their last sessions still count on the boards
      await cloud?.stop();
      hub?.close();
      await http.close();
      store.close();
    },
  };
}
