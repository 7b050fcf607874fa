import { rooms } from '../../../shared/live.js';
import type { UrlOptions } from '../api.js';
import { AchievementList } from '../components/AchievementList.js';
import { useNow } from '../live/useNow.js';
import { useRoom } from '../live/useRoom.js';
import { useScreenSetup } from '../useScreenConfig.js';
import { ScreenFrame } from './ScreenFrame.js';

/** `/screen/achievements`: the week's personal records and goals reached, newest first, live. */
export function Achievements({ url }: { url: UrlOptions }) {
  const setup = useScreenSetup(url);
  const { locationId } = setup;
  const live = useRoom('achievements', locationId === null ? null : rooms.achievements(locationId), { token: url.token });
  const now = useNow(30_000);
  const items = live.data?.items ?? null;
  return (
    <ScreenFrame
      className="achievements"
      locationName={setup.locationName}
      live={{ connected: live.connected, lastMessageAt: live.lastMessageAt, detail: live.error ?? setup.error }}
      contentKey={items}
    >
      <section className="panel panel--achievements" data-testid="achievements">
        <h1 className="achievements__title">This week’s records</h1>
        {items && items.length > 0 ? (
          <AchievementList items={items} now={now} limit={url.limit ?? 8} />
        ) : (
          <p className="subline">
            {items ? 'No records yet this week: the next personal best shows up here.' : 'Waiting for the gateway…'}
          </p>
        )}
      </section>
    </ScreenFrame>
  );
}
