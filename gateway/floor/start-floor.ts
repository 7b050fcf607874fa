import path from 'node:path';
import type { EquipmentTile } from '../../shared/equipment.js';
import { floorSubscriptions, floorTopics, type BoxPresence, type FloorFact, type FloorView } from '../../shared/floor.js';
import type { LastAdmissions } from '../checkin/admissions.js';
import { floorBrokerUrl } from '../config/floor.js';
import { ConfigError } from '../config/load.js';
import type { FloorgateConfig } from '../config/schema.js';
import { readPrivateFile } from '../config/secret-files.js';
import type { EquipmentBoard } from '../equipment/board.js';
import type { FloorEvents } from '../floor-events.js';
import type { Logger } from '../log.js';
import { displayName } from '../members/member.js';
import type { OccupancyTracker } from '../occupancy/tracker.js';
import type { Store } from '../store/open-store.js';
import type { Clock } from '../time/clock.js';
import { FactSender, FLOOR_LANE, routeFactsToFloor } from './fact-lane.js';
import { parseFloorMessage } from './incoming.js';
import { MqttLink, redactBrokerUrl } from './mqtt-link.js';
import { floorTileOf, machineStateKey, publicMessageOf, publicOccupancyOf } from './outgoing.js';
import { RemoteFacts, visitOf } from './remote-facts.js';
import { replayFacts } from './replay.js';
import { FloorPeers, standaloneFloorView } from './view.js';

export interface FloorDeps {
  config: FloorgateConfig;
  store: Store;
  clock: Clock;
  log: Logger;
  version: string;
  floor: FloorEvents;
  occupancy: OccupancyTracker;
  admissions: LastAdmissions;
  board: EquipmentBoard;
  /** The floor view to the live room `location:<id>:floor` (on every change). */
  publishView: (view: FloorView) => void;
}

export interface FloorMesh {
  view(): FloorView;
  /** Messages from the floor that failed their schema (counted and dropped). */
  malformed(): number;
  close(): Promise<void>;
}

/** Remote facts are remembered this long for dedupe (a partition longer than this would count a replay again). */
const REMEMBER_MS = 14 * 86_400_000;

/** After a (re)connect, a box whose retained presence did not come back within this is taken as gone. */
const UNHEARD_GRACE_MS = 5_000;

/** The broker password: FLOORGATE_FLOOR_PASSWORD(_FILE) (config.floor.password), else `floor.passwordFile` (0600). */
export function floorPassword(config: FloorgateConfig): string | null {
  const { floor } = config;
  if (floor.password) return floor.password;
  if (!floor.passwordFile) return null;
  const read = readPrivateFile(path.resolve(floor.passwordFile), 'floor.passwordFile');
  if ('error' in read) throw new ConfigError(read.error);
  return read.value;
}

/**
 * One floor, several boxes: joins this box to the gym's MQTT broker (docs/floor-mqtt.md). Tells the floor its
 * facts (through the outbox lane `floor`), its machines and its occupancy; hears the other boxes' facts (deduped,
 * never journaled or forwarded) into occupancy, anti-passback, leaderboards and the equipment board. Without a broker
 * it only reports a box on its own.
 */
export function startFloor(deps: FloorDeps): FloorMesh {
  const { config, store, clock, floor, occupancy, admissions, board } = deps;
  const { boxId } = config.floor;
  const boxName = config.floor.boxName ?? boxId;
  const url = floorBrokerUrl(config.floor);
  if (!url) {
    // A floor lane left from when this box had a broker would hold its journal rows forever.
    store.lanes.retire(FLOOR_LANE, []);
    return { view: () => standaloneFloorView(boxId, boxName, board.snapshot().length), malformed: () => 0, close: async () => undefined };
  }
  const log = deps.log.child({ part: 'floor' });
  const locationId = config.location.id;
  const topics = {
    presence: floorTopics.presence(locationId, boxId),
    facts: floorTopics.facts(locationId, boxId),
    occupancy: floorTopics.occupancy(locationId, boxId),
  };
  const peers = new FloorPeers({ boxId, boxName, timezone: config.location.timezone }, clock.now());
  const remote = new RemoteFacts(store.db);
  remote.prune(new Date(clock.now().getTime() - REMEMBER_MS));
  // Who is in and who just entered, at every box: remote check-ins heard before a restart count again.
  const lookBackMs = Math.max(config.checkin.dwellMinutes, config.checkin.antiPassbackMinutes) * 60_000;
  const heard = remote.acceptedVisitsSince(new Date(clock.now().getTime() - lookBackMs));
  occupancy.load(heard);
  for (const visit of heard) admissions.admit(visit);

  const nameOf = (memberId: string) => {
    const member = store.roster.findById(memberId);
    return member ? displayName(member) : null;
  };
  const presence = (online: boolean, since: string): string =>
    JSON.stringify({ boxId, name: boxName, online, since, version: deps.version } satisfies BoxPresence);
  const startedAt = clock.now().toISOString();
  let malformed = 0;

  let lastView = '';
  const refreshView = () => {
    const v = view();
    const json = JSON.stringify(v);
    if (json === lastView) return;
    lastView = json;
    deps.publishView(v);
  };
  const view = (): FloorView => {
    const machines = new Map<string, number>();
    for (const tile of board.snapshot()) machines.set(tile.boxId ?? boxId, (machines.get(tile.boxId ?? boxId) ?? 0) + 1);
    return peers.view(machines, store.lanes.counts(FLOOR_LANE).pending);
  };

  let lastOccupancy = '';
  const publishOccupancy = () => {
    if (!link.connected) return;
    const body = publicOccupancyOf(occupancy.state(), boxId, peers.partitioned());
    const key = JSON.stringify([body.count, body.peakToday, body.capacity, body.partitioned]);
    if (key === lastOccupancy) return;
    lastOccupancy = key;
    link.publishLive(topics.occupancy, JSON.stringify(body), true);
  };

  const stateKeys = new Map<string, string>();
  const publishTiles = (tiles: EquipmentTile[], everyState = false) => {
    if (!link.connected) return;
    for (const tile of tiles) {
      if (tile.boxId !== undefined && tile.boxId !== boxId) continue; // another box's machine
      const floorTile = JSON.stringify(floorTileOf(tile, { boxId, boxName }));
      const key = machineStateKey(tile);
      if (everyState || stateKeys.get(tile.equipmentId) !== key) {
        stateKeys.set(tile.equipmentId, key);
        link.publishLive(floorTopics.machineState(locationId, boxId, tile.equipmentId), floorTile, true);
      }
      link.publishLive(floorTopics.machineReading(locationId, boxId, tile.equipmentId), floorTile);
    }
  };

  const applyRemote = (fact: FloorFact) => {
    if (!remote.remember(fact)) return; // heard before (a replay after a partition)
    if (fact.type === 'check_in') {
      const visit = visitOf(fact);
      if (!visit) return;
      admissions.admit(visit);
      occupancy.admit(visit);
      publishOccupancy();
      return;
    }
    const { memberDisplayName: _, ...session } = fact.session;
    floor.emit('session', session, 'floor');
  };

  const onMessage = (topic: string, payload: Buffer) => {
    const message = parseFloorMessage(topic, payload, { locationId, boxId });
    switch (message.kind) {
      case 'ignored':
        return;
      case 'malformed':
        malformed++;
        if (malformed <= 10 || malformed % 1000 === 0) log.warn({ malformed, error: message.error }, 'malformed floor message dropped');
        return;
      case 'presence': {
        const change = peers.presence(message.presence, clock.now());
        if (change.went === 'offline') board.boxOffline(message.boxId);
        if (change.replaySince !== undefined) void replayTo(message.boxId, change.replaySince);
        refreshView();
        publishOccupancy();
        return;
      }
      case 'fact':
        applyRemote(message.fact);
        return;
      case 'tile':
        board.ingestRemote(message.tile);
        return;
    }
  };

  /** A box (re)joined: it may have missed what this box told the floor while it was away; dedupe makes this safe. */
  const replayTo = async (to: string, since: Date | null) => {
    await link.untilReady(); // retained presence may be handled before our subscription's own acknowledgement
    store.lanes.flush(); // outcomes still in their group commit are delivered facts too
    const facts = replayFacts(store.db, { since, boxId, nameOf, now: clock.now() });
    let sent = 0;
    for (const fact of facts) {
      if (!link.connected) break;
      try {
        await link.publishAcked(topics.facts, JSON.stringify(fact));
        sent++;
      } catch {
        break;
      }
    }
    if (sent > 0) log.info({ to, sent }, 'facts told the floor again for a box that rejoined');
  };

  const link = new MqttLink({
    url,
    username: config.floor.username ?? boxId,
    password: floorPassword(config),
    clientId: `floorgate-${locationId}-${boxId}`,
    will: { topic: topics.presence, payload: presence(false, startedAt) },
    subscriptions: floorSubscriptions(locationId),
    log,
    onState: (state) => {
      if (peers.brokerIs(state, clock.now())) refreshView();
    },
    onReady: () => {
      link.publishLive(topics.presence, presence(true, clock.now().toISOString()), true);
      lastOccupancy = '';
      publishOccupancy();
      publishTiles(board.snapshot(), true);
      sender.kick();
    },
    onMessage,
  });
  log.info({ broker: redactBrokerUrl(url), boxId, boxName }, 'joining the floor');

  const sender = new FactSender({
    lanes: store.lanes,
    link,
    clock,
    log,
    factsTopic: topics.facts,
    settled: refreshView,
    published: async (fact) => {
      const pub = publicMessageOf(fact);
      const topic = pub.kind === 'admission' ? floorTopics.admissions(locationId, boxId) : floorTopics.sessions(locationId, boxId);
      await link.publishAcked(topic, JSON.stringify(pub.body));
    },
  });
  const removeRouter = routeFactsToFloor({ journal: store.journal, lanes: store.lanes, boxId, nameOf, queued: () => (sender.kick(), refreshView()) });
  const stopListening = board.listen((tiles) => publishTiles(tiles));
  const onCheckIn = () => publishOccupancy();
  floor.on('checkin', onCheckIn);
  // Auto-checkouts change the count without an event; the view's words change with time and machines.
  const tick = setInterval(() => {
    for (const gone of peers.expireUnheard(clock.now(), UNHEARD_GRACE_MS)) board.boxOffline(gone);
    publishOccupancy();
    refreshView();
  }, 1_000);
  tick.unref();
  const prune = setInterval(() => remote.prune(new Date(clock.now().getTime() - REMEMBER_MS)), 86_400_000);
  prune.unref();
  sender.start();

  return {
    view,
    malformed: () => malformed,
    async close() {
      clearInterval(tick);
      clearInterval(prune);
      floor.off('checkin', onCheckIn);
      stopListening();
      removeRouter();
      const { finished } = sender.stop();
      // A clean goodbye: the others show this box's machines offline at once, not by its last will.
      await link.close({ topic: topics.presence, payload: presence(false, clock.now().toISOString()) });
      await finished; // a fact in flight fails with the link and stays pending for the next start
      if (store.db.open) store.lanes.flush();
    },
  };
}
