import path from 'node:path';
import type { FloorView } from '../../shared/floor.js';
import { floorSubscriptions, floorTopics, type BoxPresence } from '../../shared/floor.js';
import type { LastAdmissions } from '../checkin/admissions.js';
import { floorBrokerUrl } from '../config/floor.js';
import type { FloorgateConfig } from '../config/schema.js';
import type { EquipmentBoard } from '../equipment/board.js';
import type { FloorEvents } from '../floor-events.js';
import type { Logger } from '../log.js';
import { displayName } from '../members/member.js';
import type { OccupancyTracker } from '../occupancy/tracker.js';
import type { Store } from '../store/open-store.js';
import type { Clock } from '../time/clock.js';
import { floorPassword } from './credentials.js';
import { FactSender, FLOOR_LANE, routeFactsToFloor } from './fact-lane.js';
import { FloorHearing } from './hear-floor.js';
import { PartitionAlert } from './partition-alert.js';
import { publicMessageOf } from './outgoing.js';
import { RemoteFacts } from './remote-facts.js';
import { tellAgain } from './replay.js';
import { FloorTeller } from './tell-floor.js';
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

/**
 * One floor, several boxes: joins this box to the gym's MQTT broker (docs/floor-mqtt.md). Tells the floor its
 * facts (through the outbox lane `floor`), its machines and its occupancy; hears the other boxes' facts (deduped,
 * never journaled or forwarded) into occupancy, anti-passback, leaderboards and the equipment board. Without a broker
 * it only reports a box on its own.
 */
export async function startFloor(deps: FloorDeps): Promise<FloorMesh> {
  const { config, store, clock, floor, occupancy, admissions, board } = deps;
  const { boxId } = config.floor;
  const boxName = config.floor.boxName ?? boxId;
  const url = floorBrokerUrl(config.floor);
  if (!url) {
    // A floor lane left from when this box had a broker would hold its journal rows forever.
    store.lanes.retire(FLOOR_LANE, []);
    return { view: () => standaloneFloorView(boxId, boxName, board.snapshot().length), malformed: () => 0, close: async () => undefined };
  }
  // MQTT.js and Aedes load only on a box with a floor: a box on its own does not parse them at start.
  const [{ MqttLink, redactBrokerUrl }, { startEmbeddedBroker }] = await Promise.all([import('./mqtt-link.js'), import('./embedded-broker.js')]);
  const log = deps.log.child({ part: 'floor' });
  const locationId = config.location.id;
  // `floor.listen`: this box is also the floor's broker; its own link joins it on loopback like any other box.
  const { listen, accountsFile } = config.floor;
  const broker =
    listen !== null && accountsFile !== null
      ? await startEmbeddedBroker({ port: listen, accountsFile: path.resolve(accountsFile), locationId, log: log.child({ part: 'floor-broker' }) })
      : null;
  const here = { locationId, boxId, boxName };
  const presenceTopic = floorTopics.presence(locationId, boxId);
  const factsTopic = floorTopics.facts(locationId, boxId);
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

  // Hears before the link exists: its callbacks reach the link only once messages arrive.
  const hearing = new FloorHearing({
    here, peers, remote, occupancy, admissions, board, floor, clock, log,
    rejoined: (to, since) => void tellAgain({ db: store.db, lanes: store.lanes, link, factsTopic, boxId, nameOf, clock, log }, to, since),
    changed: () => (refreshView(), teller.occupancy()),
  });
  let closed = false;
  let lastView = '';
  const view = (): FloorView => {
    const machines = new Map<string, number>();
    for (const tile of board.snapshot()) machines.set(tile.boxId ?? boxId, (machines.get(tile.boxId ?? boxId) ?? 0) + 1);
    return peers.view(machines, store.lanes.counts(FLOOR_LANE).pending, hearing.malformed);
  };
  const refreshView = () => {
    if (closed || !store.db.open) return;
    const v = view();
    const json = JSON.stringify(v);
    if (json === lastView) return;
    lastView = json;
    deps.publishView(v);
  };
  let viewScheduled = false;
  // A burst of settled facts asks for one view, not one per fact.
  const scheduleView = () => {
    if (viewScheduled) return;
    viewScheduled = true;
    setImmediate(() => {
      viewScheduled = false;
      refreshView();
    });
  };

  const link = new MqttLink({
    url,
    username: config.floor.username ?? boxId,
    password: floorPassword(config),
    clientId: `floorgate-${locationId}-${boxId}`,
    will: { topic: presenceTopic, payload: presence(false, clock.now().toISOString()) },
    subscriptions: floorSubscriptions(locationId),
    log,
    onState: (state) => {
      if (peers.brokerIs(state, clock.now())) refreshView();
    },
    onReady: () => {
      link.publishLive(presenceTopic, presence(true, clock.now().toISOString()), true);
      teller.rejoined(board.snapshot());
      sender.kick();
    },
    onMessage: (topic, payload) => hearing.message(topic, payload),
  });
  log.info({ broker: redactBrokerUrl(url), boxId, boxName }, 'joining the floor');

  const teller = new FloorTeller({ link, here, occupancy, partitioned: () => peers.partitioned() });
  const sender = new FactSender({
    lanes: store.lanes, link, clock, log, factsTopic,
    settled: scheduleView,
    published: async (fact) => {
      const pub = publicMessageOf(fact);
      const topic = pub.kind === 'admission' ? floorTopics.admissions(locationId, boxId) : floorTopics.sessions(locationId, boxId);
      await link.publishAcked(topic, JSON.stringify(pub.body));
    },
  });
  const removeRouter = routeFactsToFloor({ journal: store.journal, lanes: store.lanes, boxId, nameOf, queued: () => (sender.kick(), scheduleView()) });
  const stopListening = board.listen((tiles) => teller.tiles(tiles));
  const onCheckIn = () => teller.occupancy();
  floor.on('checkin', onCheckIn);
  // Auto-checkouts change the count without an event; the view's words change with time and machines.
  const partition = new PartitionAlert(store.alerts, config.location.timezone);
  const tick = setInterval(() => {
    for (const gone of peers.expireUnheard(clock.now(), UNHEARD_GRACE_MS)) board.boxOffline(gone);
    teller.occupancy();
    refreshView();
    if (!closed && store.db.open) partition.update(view(), clock.now());
  }, 1_000);
  tick.unref();
  const prune = setInterval(() => remote.prune(new Date(clock.now().getTime() - REMEMBER_MS)), 86_400_000);
  prune.unref();
  sender.start();

  return {
    view,
    malformed: () => hearing.malformed,
    async close() {
      closed = true;
      clearInterval(tick);
      clearInterval(prune);
      floor.off('checkin', onCheckIn);
      stopListening();
      removeRouter();
      const { finished } = sender.stop();
      // A clean goodbye: the others show this box's machines offline at once, not by its last will.
      await link.close({ topic: presenceTopic, payload: presence(false, clock.now().toISOString()) });
      await finished; // a fact in flight fails with the link and stays pending for the next start
      await broker?.close();
      if (store.db.open) store.lanes.flush();
    },
  };
}
