import { randomBytes } from 'node:crypto';
import type { AchievementsState } from '../../shared/achievements.js';
import type { EquipmentSession } from '../../shared/sessions.js';
import type { LeaderboardView } from '../../shared/leaderboard.js';
import { Achievements } from '../achievements/achievements.js';
import { AchievementStore } from '../achievements/store.js';
import { demoChallenges } from '../challenges/demo.js';
import { demoBaselines } from './demo-baselines.js';
import { Leaderboards } from '../challenges/leaderboards.js';
import { challengeSessionOf } from '../challenges/session-entry.js';
import { ChallengeStore } from '../challenges/store.js';
import type { FloorgateConfig } from '../config/schema.js';
import type { Clock } from '../time/clock.js';
import type { Member } from '../members/member.js';
import type { MemberNames } from '../members/member-names.js';
import type { FloorEvents, SessionOrigin } from '../floor-events.js';
import type { Logger } from '../log.js';
import { ScheduleFeed } from '../schedule/feed.js';
import { ClassMode } from '../classes/class-mode.js';
import type { ClassRoomState } from '../../shared/classes.js';
import { Playlists } from './playlists.js';
import type { GymSettings } from '../gym/gym-settings.js';
import type { ScreensLive } from '../../shared/live.js';
import type { Db } from '../store/database.js';
import type { Journal } from '../store/journal.js';

export interface FloorScreensDeps {
  config: FloorgateConfig;
  db: Db;
  journal: Journal;
  floor: FloorEvents;
  names: MemberNames;
  clock: Clock;
  log: Logger;
  /** The gym's settings: the class schedule feed's address. */
  gym: GymSettings;
  publishLeaderboard: (challengeId: string, view: LeaderboardView) => void;
  publishAchievements: (state: AchievementsState) => void;
  publishClass: (state: ClassRoomState) => void;
  /** What screens are set to show changed (a playlist edited in the console). */
  publishScreens: (state: ScreensLive) => void;
  notifyMember: (memberId: string, note: { id: string; at: string; text: string }) => void;
  /** Demo members for the demo challenges (simulator on); none = no demo challenges. */
  demoMembers?: Member[];
}

export interface FloorScreens {
  challenges: ChallengeStore;
  leaderboards: Leaderboards;
  achievements: Achievements;
  /** Class mode: follows the schedule (or staff) and shows the class running now. */
  classes: ClassMode;
  /** The class schedule feed now (null: none set); a new address in the gym's settings replaces it, read at once. */
  schedule(): ScheduleFeed | null;
  playlists: Playlists;
  /** The `screens` room's state. */
  screensLive(): ScreensLive;
  /** Names changed with the roster: boards and achievements are shown again with the names as they are now. */
  refreshNames(): void;
  close(): void;
}

/** Provisional sessions older than this are dropped, unless a running challenge still needs them. */
const KEEP_SESSIONS_MS = 62 * 86_400_000;
const DAY_MS = 86_400_000;

function rowKeySecret(db: Db): string {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'leaderboard_row_key'").get() as { value: string } | undefined;
  if (row) return row.value;
  const secret = randomBytes(32).toString('hex');
  db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('leaderboard_row_key', ?)").run(secret);
  return (db.prepare("SELECT value FROM settings WHERE key = 'leaderboard_row_key'").get() as { value: string }).value;
}

/**
 * What the floor screens show beyond check-ins and machines: challenge leaderboards (cloud + this box's sessions),
 * achievements, the class schedule and class mode. Listens to the floor's `session` events.
 */
export function startFloorScreens(deps: FloorScreensDeps): FloorScreens {
  const { config, db, floor, names, clock, log } = deps;
  const locationId = config.location.id;
  const challenges = new ChallengeStore(db);

  // Names only through the privacy rules; undefined = not in this box's roster.
  const nameOf = (memberId: string): string | null | undefined => names.of(memberId);

  // Set while a session heard from another box is counted: its records show here, but the box that captured it
  // is the one that journals the achievement (and sends its webhook).
  let countingFloorSession = false;
  const achievementStore = new AchievementStore(db);
  const achievements = new Achievements({
    store: achievementStore,
    locationId,
    clock,
    nameOf: (memberId) => nameOf(memberId) ?? null,
    onChange: deps.publishAchievements,
    notify: (memberId, a) => {
      if (a.kind === 'class_summary') return; // announced on the class screen, not as a personal note
      deps.notifyMember(memberId, {
        id: a.id,
        at: a.at,
        text: a.kind === 'personal_record' ? `New personal record: ${a.title}, ${a.detail}.` : `${a.detail} in ${a.title}!`,
      });
      if (!countingFloorSession) floor.emit('achievement', { achievementId: a.id, kind: a.kind, memberId, title: a.title, detail: a.detail, equipmentType: a.equipmentType, at: a.at });
    },
  });

  const leaderboards = new Leaderboards({
    store: challenges,
    clock,
    locationId,
    timezone: config.location.timezone,
    nameOf,
    keySecret: rowKeySecret(db),
    limit: config.screens.leaderboard.rows,
    publish: deps.publishLeaderboard,
    onGoalReached: (memberId, challenge) => achievements.goalReached(memberId, challenge, clock.now()),
  });

  if (deps.demoMembers && leaderboards.activeChallenges().length === 0) {
    const active = deps.demoMembers.filter((m) => m.membership.status === 'active').map((m) => m.id);
    challenges.addLocalChallenges(demoChallenges(clock.now(), config.location.timezone, active), clock.now());
    for (const memberId of active) {
      if (achievementStore.bests(memberId).size === 0) achievementStore.record(memberId, demoBaselines(clock.now()), []);
    }
  }

  const onSession = (session: EquipmentSession, origin: SessionOrigin = 'local') => {
    countingFloorSession = origin === 'floor';
    try {
      if (!session.memberId) return; // anonymous until claimed; a claim arrives as the same session again
      const earlier = challenges.session(session.eventId);
      // Records are found once per session; a re-claim moves the session, not its records.
      const prCount = earlier ? earlier.prCount : achievements.recordSession(challengeSessionOf(session, 0)!);
      leaderboards.recordSession(challengeSessionOf(session, prCount)!);
    } catch (error) {
      log.error({ err: error, eventId: session.eventId }, 'session could not be counted on the leaderboards');
    } finally {
      countingFloorSession = false;
    }
  };
  floor.on('session', onSession);

  const prune = () => {
    const now = clock.now().getTime();
    const starts = leaderboards.activeChallenges().map((c) => Date.parse(c.startDate));
    const before = Math.min(now - KEEP_SESSIONS_MS, ...starts);
    const dropped = challenges.pruneSessions(new Date(before));
    if (dropped > 0) log.info({ dropped }, 'old provisional leaderboard sessions dropped');
  };
  prune();
  const daily = setInterval(prune, DAY_MS);
  daily.unref();

  // A board changes without a new session when names change or a challenge ends: publish the boards that differ.
  const lastPublished = new Map<string, string>();
  const republishBoards = () => {
    for (const challenge of leaderboards.activeChallenges()) {
      const view = leaderboards.view(challenge.id);
      if (!view) continue;
      const fingerprint = JSON.stringify({ ...view, updatedAt: null });
      if (lastPublished.get(challenge.id) !== fingerprint) deps.publishLeaderboard(challenge.id, view);
      lastPublished.set(challenge.id, fingerprint);
    }
  };
  const refresh = setInterval(republishBoards, 60_000);
  refresh.unref();

  const feedFor = (source: string | null) =>
    source
      ? new ScheduleFeed({
          source,
          baseDir: process.cwd(),
          refreshMinutes: config.screens.schedule.refreshMinutes,
          timezone: config.location.timezone,
          clock,
          log: log.child({ part: 'schedule' }),
        })
      : null;
  let schedule = feedFor(deps.gym.current().scheduleIcs);
  let feeds = 0; // a feed replaced from the console starts its own versions again: class mode tells them apart by this
  schedule?.start();
  const playlists = new Playlists(db, config.screens.playlists);
  const screensLive = () => ({ playlistsRevision: playlists.revision });
  const stopPlaylists = playlists.onChange(() => deps.publishScreens(screensLive()));
  const stopGym = deps.gym.onChange((values, changed) => {
    if (!changed.includes('scheduleIcs')) return;
    schedule?.stop();
    schedule = feedFor(values.scheduleIcs);
    feeds++;
    schedule?.start();
  });

  const classes = new ClassMode({
    db,
    journal: deps.journal,
    clock,
    floor,
    log: log.child({ part: 'classes' }),
    locationId,
    schedule: { classes: () => schedule?.answer().classes ?? [], version: () => (schedule ? `${feeds}:${schedule.version()}` : 'none') },
    achievements,
    nameOf: (memberId) => nameOf(memberId) ?? null,
    publish: deps.publishClass,
  });
  classes.start();

  return {
    challenges,
    leaderboards,
    achievements,
    classes,
    schedule: () => schedule,
    playlists,
    screensLive,
    refreshNames() {
      republishBoards();
      deps.publishAchievements(achievements.state());
      classes.refreshNames();
    },
    close() {
      classes.stop();
      floor.off('session', onSession);
      clearInterval(daily);
      clearInterval(refresh);
      schedule?.stop();
      stopPlaylists();
      stopGym();
      leaderboards.close();
    },
  };
}
