import { rooms } from '../../../shared/live.js';
import { formatClock, type UrlOptions } from '../api.js';
import { challengeLine, daysLeft, LeaderboardBoard } from '../components/LeaderboardBoard.js';
import { prizesInWords } from '../components/leaderboard-words.js';
import { useActiveChallenge } from '../live/useActiveChallenge.js';
import { useNow } from '../live/useNow.js';
import { useRoom } from '../live/useRoom.js';
import { floorAttribute, leaderboardNote } from '../floor/floor-words.js';
import { useFloor } from '../floor/useFloor.js';
import { useScreenSetup } from '../useScreenConfig.js';
import { ScreenFrame } from './ScreenFrame.js';

/** `/screen/leaderboard?challenge=<id>&division=<name>`: a challenge's board, live. */
export function Leaderboard({ url }: { url: UrlOptions }) {
  const setup = useScreenSetup(url);
  const active = useActiveChallenge(url.challenge);
  const live = useRoom('leaderboard', active.challengeId === null ? null : rooms.leaderboard(active.challengeId), { token: url.token });
  const now = useNow(60_000);
  // Sessions on an unreachable box reach this board when it is back (its outbox keeps them).
  const floor = useFloor(setup.locationId, url.token).data;
  const view = live.data;
  // Without a challenge to follow, "live" means the list of challenges answered.
  const connected = active.challengeId === null ? active.list.connected : live.connected;
  const lastMessageAt = active.challengeId === null ? active.list.lastMessageAt : live.lastMessageAt;

  return (
    <ScreenFrame
      className="leaderboard"
      locationName={setup.locationName}
      live={{ connected, lastMessageAt, detail: live.error ?? active.list.error ?? setup.error }}
      dataAttributes={{ 'data-challenge': active.challengeId ?? '', ...floorAttribute(floor) }}
      contentKey={view?.challenge.id ?? null}
      floorNotice={leaderboardNote(floor)}
    >
      {view ? (
        <section className="panel panel--board" data-testid="leaderboard">
          <header className="board__header">
            <div>
              <h1 className="board__title" data-testid="leaderboard-title">
                {view.challenge.name}
              </h1>
              <p className="board__subtitle">{challengeLine(view)}</p>
              {prizesInWords(view.challenge.prizes) !== null ? (
                <p className="board__prizes" data-testid="leaderboard-prizes">
                  Prizes: {prizesInWords(view.challenge.prizes)}
                </p>
              ) : null}
            </div>
            <div className="board__facts">
              <span className="board__ends">{daysLeft(view.challenge.endsAt, now)}</span>
              <span>{view.participants} taking part</span>
              {view.cloudUpdatedAt === null ? (
                <span className="board__pending">Live from this gym’s machines</span>
              ) : view.provisionalSessions > 0 ? (
                <span className="board__pending" data-testid="leaderboard-provisional">
                  <span className="board__live">•</span> {view.provisionalSessions} new {view.provisionalSessions === 1 ? 'session' : 'sessions'} since the sync at{' '}
                  {formatClock(view.cloudUpdatedAt)}
                </span>
              ) : (
                <span className="board__pending">Synced {formatClock(view.cloudUpdatedAt)}</span>
              )}
            </div>
          </header>
          <LeaderboardBoard view={view} division={url.division} limit={url.limit} />
        </section>
      ) : (
        <section className="panel" data-testid="leaderboard-waiting">
          <h1 className="headline headline--medium">
            {active.running !== null && active.running.length === 0 && url.challenge === null
              ? 'No challenge running right now'
              : live.connected
                ? `No challenge “${active.challengeId ?? ''}” on this box`
                : 'Waiting for the gateway…'}
          </h1>
          <p className="subline">Challenges come from the gym's app; results count as members finish their workouts.</p>
        </section>
      )}
    </ScreenFrame>
  );
}
