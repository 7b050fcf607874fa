import { rooms, type RoomKind, type RoomPayloads } from '../shared/live.js';
import { CheckInPipeline } from './checkin/pipeline.js';
import { restoreFromJournal } from './checkin/look-back.js';
import type { FloorgateConfig } from './config/schema.js';
import { createAdapters } from './devices/create-adapters.js';
import { createDoors } from './doors/create-doors.js';
import { demoMembers, demoSimulator, seedDemoData } from './devices/simulator/demo.js';
import type { DeviceAdapter, DeviceSink } from './devices/types.js';
import { EquipmentPipeline } from './equipment/pipeline.js';
import { FloorEvents } from './floor-events.js';
import { startFloor } from './floor/start-floor.js';
import { loadOrCreateTokens } from './http/access.js';
import { buildHttpServer, localUrl } from './http/server.js';
import { runRetention } from './jobs/retention.js';
import { JobScheduler } from './jobs/schedule.js';
import { LiveHub } from './live/hub.js';
import { roomPolicy, roomSnapshots } from './live/room-policy.js';
import { createLogger } from './log.js';
import { MemberNames } from './members/member-names.js';
import { startFloorScreens } from './screens/floor-screens.js';
import { GymSettings } from './gym/gym-settings.js';
import { registerScreenRoutes } from './screens/routes.js';
import { screenConfigFrom } from './screens/screen-config.js';
import { registerOccupancyRoutes } from './occupancy/routes.js';
import { registerSessionRoutes } from './sessions/routes.js';
import { SessionService } from './sessions/service.js';
import { createStaffAuth } from './staff/staff-auth.js';
import { publishStatusToStaff } from './status/staff-room.js';
import { registerConsoleRoutes } from './staff/console-routes.js';
import { createMetrics, statusReporter } from './status/status.js';
import { openStore } from './store/open-store.js';
import { systemClock } from './time/clock.js';
import { connectCloud } from './uplink/connect.js';
import { startWebhooks } from './webhooks/webhooks.js';
import { registerWebhookRoutes } from './webhooks/routes.js';
import type { Gateway, GatewayOptions } from './gateway.js';
import { DEFAULT_RENDERER_DIR, VERSION } from './install.js';

export type { Gateway, GatewayOptions };

/** The composition root: builds the parts and connects them. Behaviour lives in the parts. */
export async function startGateway(config: FloorgateConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.logLevel);
  const locationId = config.location.id;
  const store = openStore(config, clock, log);
  const { db, journal, roster, wods, alerts } = store;
  const { kioskToken, staffToken, bridgeToken } = loadOrCreateTokens(config.dataDir);
  const staffAuth = createStaffAuth({ staffToken, pin: config.staff.pin ?? null, clock, log, alerts });
  if (config.simulator.enabled) seedDemoData(config, roster, wods, clock);
  const gym = new GymSettings(db, config);
  const hub = new LiveHub();
  const publish = <K extends RoomKind>(room: string, kind: K, data: RoomPayloads[K]) => hub.publish(room, kind, data);
  const [floor, names] = [new FloorEvents(), new MemberNames(roster)];
  const screens = startFloorScreens({
    config, db, journal, floor, names, clock, log, gym, publishClass: (state) => publish(rooms.class(locationId), 'class', state),
    publishLeaderboard: (challengeId, view) => publish(rooms.leaderboard(challengeId), 'leaderboard', view),
    publishAchievements: (state) => publish(rooms.achievements(locationId), 'achievements', state),
    publishScreens: (state) => publish(rooms.screens(locationId), 'screens', state),
    notifyMember: (memberId, note) => publish(rooms.notifications(memberId), 'notifications', [note]),
    ...(config.simulator.enabled ? { demoMembers } : {}),
  });
  const cloud = await connectCloud({ config, store, clock, log, challenges: screens.challenges, ...(options.uplink ? { uplinkOptions: options.uplink } : {}) });
  const jobs = new JobScheduler(log, config.location.timezone, clock);
  jobs.add({ name: 'retention', cron: config.storage.retentionCron, run: () => runRetention(store, config.storage.retentionDays, clock.now(), log) });
  cloud?.schedule(jobs);
  const { occupancy, admissions } = restoreFromJournal(db, config, clock, (state) => publish(rooms.occupancy(locationId), 'occupancy', state));
  const screenConfig = gym.applyTo(screenConfigFrom(config), occupancy);
  const sessions = new SessionService({
    db, journal, clock, floor, locationId, config: config.sessions, log: log.child({ part: 'sessions' }),
    memberByBadge: (badge) => roster.findByBadgeAsRead(badge)?.id ?? null,
  });
  const adapters: DeviceAdapter[] = [...(options.adapters ?? []), ...createAdapters(config.devices, { log, clock, floor, dataDir: config.dataDir })];
  if (config.simulator.enabled) adapters.push(demoSimulator(config));
  const devices = () => adapters.flatMap((a) => a.status());
  const doors = createDoors({ config, journal, alerts, clock, log, adapters });
  const checkIns = new CheckInPipeline({
    config, clock, log, roster, journal, wods, alerts, occupancy, admissions, floor, doors, gym,
    cloud: cloud && { client: cloud.client, isOnline: () => cloud.uplink.isOnline(), kick: () => cloud.uplink.kick() },
    pairStraps: (result, payload) => sessions.pairStrapsAtCheckIn(result, payload),
    show: {
      entrance: (result) => publish(rooms.entrance(locationId), 'entrance', [result]),
      member: (memberId, note) => publish(rooms.notifications(memberId), 'notifications', [note]),
    },
  });
  const equipment = new EquipmentPipeline({
    config, clock, log, sessions, names, floor, devices, alerts,
    publish: (tiles) => publish(rooms.equipment(locationId), 'equipment', tiles),
  });
  roster.on('changed', () => (equipment.board.refreshNames(), screens.refreshNames()));
  const floorMesh = await startFloor({ config, store, clock, log, version: VERSION, floor, occupancy, admissions, board: equipment.board, publishView: (view) => publish(rooms.floor(locationId), 'floor', view) });
  const webhooks = startWebhooks({ config, store, clock, log, floor, devices });
  const status = statusReporter({ version: VERSION, config, clock, store, cloud, devices, webhooks, doors: () => doors.status(), floor: floorMesh.view });
  const allowedHosts = new Set(config.allowedHosts);
  const http = await buildHttpServer({
    log, version: VERSION, rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR, kioskToken, screenConfig,
    status, metrics: createMetrics(status), staffAuth, bridgeToken, clock, staff: cloud?.staff ?? null, allowedHosts,
    memberKnown: (memberId) => roster.findById(memberId) !== null,
    checkIn: (attempt) => checkIns.checkIn(attempt),
    ingestSession: async (input) => {
      const session = await sessions.ingestFinished(input);
      cloud?.uplink.kick();
      return session;
    },
  });
  registerSessionRoutes(http, sessions, { kioskToken, staffAuth });
  registerWebhookRoutes(http, webhooks, staffAuth);
  registerConsoleRoutes(http, { config, store, staffAuth, checkIns, clock, ...screens, gym, jobs, kioskToken });
  http.get('/api/kiosk-config', async () => config.kiosk); // what the Electron kiosk shows where (electron/kiosk-config.ts)
  registerScreenRoutes(http, {
    locationId, timezone: config.location.timezone, screens: config.screens, playlists: screens.playlists, clock, wods,
    leaderboards: screens.leaderboards, achievements: screens.achievements, schedule: screens.schedule,
    equipment: () => equipment.board.snapshot(),
  });
  registerOccupancyRoutes(http, { store, clock, locationId, timezone: config.location.timezone });
  await http.listen({ port: config.port, host: config.host });
  const snapshots = roomSnapshots({ locationId, occupancy, equipment: equipment.board, entrance: checkIns, screens, status, floor: floorMesh.view });
  hub.serve(http.server, roomPolicy({ kioskToken, staffAuth, allowedHosts, snapshots }));
  const stopStaffRoom = publishStatusToStaff({ hub, room: rooms.staff(locationId), status, uplink: cloud?.uplink ?? null, alerts, webhooks });
  sessions.start();
  equipment.start();
  // A badge at a machine's reader claims that machine's session; any other badge is a check-in.
  const sink: DeviceSink = {
    badge: (scan) => (scan.equipmentId ? equipment.tapAtMachine(scan) : checkIns.fromReader(scan)),
    reading: (reading) => equipment.reading(reading),
  };
  for (const adapter of adapters) await adapter.start(sink);
  cloud?.start();
  let closed = false;
  return {
    config, port: (http.server.address() as { port: number }).port, kioskToken, staffToken, bridgeToken, http, store, db, outbox: store.outbox, cloud, uplink: cloud?.uplink ?? null, floor, checkIns, sessions, status, doors,
    url: localUrl(config.host, (http.server.address() as { port: number }).port),
    checkIn: (attempt) => checkIns.checkIn(attempt),
    async close() {
      if (closed) return;
      closed = true;
      equipment.stop();
      stopStaffRoom();
      jobs.stop();
      occupancy.stop();
      for (const adapter of adapters) await adapter.stop();
      sessions.stop(); // running sessions end here and are journaled: nothing rowed is lost
      screens.close(); // after sessions: their last sessions still count on the boards
      await Promise.all([cloud?.stop(), webhooks.close(), floorMesh.close()]);
      hub.close();
      await http.close();
      store.close();
    },
  };
}
