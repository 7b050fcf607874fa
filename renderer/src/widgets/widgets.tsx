import { formatValue } from '../../../shared/format.js';
import type { AchievementsState } from '../../../shared/achievements.js';
import type { LeaderboardView } from '../../../shared/leaderboard.js';
import type { EquipmentAnswer } from '../../../shared/screens.js';
import type { WodAnswer } from '../../../shared/screens.js';
import { EQUIPMENT_LABEL } from '../../../shared/screens.js';
import type { UrlOptions } from '../api.js';
import { AchievementList } from '../components/AchievementList.js';
import { tileKey } from '../floor/floor-words.js';
import { WodPanel } from '../components/WodCard.js';
import { useActiveChallenge } from '../live/useActiveChallenge.js';
import { useNow } from '../live/useNow.js';
import { usePolled } from '../live/usePolled.js';
import { useToday } from '../live/useToday.js';
import { wodPath } from '../screens/WodScreen.js';
import { useScreenSetup } from '../useScreenConfig.js';
import { WidgetFrame } from './WidgetFrame.js';
import { widgetRefreshMs } from './refresh.js';

/** Refresh rates of seed 001 §2.2 (seconds); `?refresh=` overrides (at least 10 s). The daily WOD is "on demand": 15 min here. */
export const WIDGET_REFRESH_S = { leaderboard: 300, achievements: 60, equipmentStatus: 30, dailyWod: 900 } as const;

const every = (url: UrlOptions, fallbackS: number) => widgetRefreshMs(url.refresh, fallbackS);

/** `/widgets/leaderboard?challenge=…&limit=10&theme=dark` */
export function LeaderboardWidget({ url }: { url: UrlOptions }) {
  const active = useActiveChallenge(url.challenge);
  const path = active.challengeId ? `/api/challenges/${encodeURIComponent(active.challengeId)}/leaderboard` : null;
  const polled = usePolled<LeaderboardView>(path, every(url, WIDGET_REFRESH_S.leaderboard));
  const view = polled.data;
  const groups = view ? (url.division ? view.groups.filter((g) => g.division === url.division) : view.groups) : [];
  return (
    <WidgetFrame name="leaderboard" title={view?.challenge.name ?? 'Leaderboard'} connected={polled.connected || (!path && active.list.connected)} lastMessageAt={polled.lastMessageAt ?? active.list.lastMessageAt}>
      {!view ? (
        <p className="widget__none">{active.running?.length === 0 ? 'No challenge running right now.' : polled.error ?? ' '}</p>
      ) : (
        groups.map((group) => (
          <section key={group.division ?? '-'} className="wboard" data-testid="leaderboard-group">
            {group.division ? <h2 className="wboard__division">{group.division}</h2> : null}
            {group.rows.length === 0 ? <p className="widget__none">No results yet.</p> : null}
            <ol className="wboard__rows">
              {group.rows.slice(0, url.limit ?? 10).map((row) => (
                <li key={row.key} className="wboard__row" data-testid="leaderboard-row">
                  <span className="wboard__rank">{row.rank}</span>
                  <span className={`wboard__name${row.displayName === null ? ' wboard__name--hidden' : ''}`} data-testid="leaderboard-name">
                    {row.displayName ?? 'Hidden athlete'}
                  </span>
                  <span className="wboard__value">{formatValue(row.value, view.challenge.unit)}</span>
                </li>
              ))}
            </ol>
          </section>
        ))
      )}
    </WidgetFrame>
  );
}

/** `/widgets/daily-wod?theme=light` */
export function DailyWodWidget({ url }: { url: UrlOptions }) {
  const setup = useScreenSetup(url);
  const today = useToday();
  const polled = usePolled<WodAnswer>(wodPath(setup.locationId, today), every(url, WIDGET_REFRESH_S.dailyWod));
  return (
    <WidgetFrame name="daily-wod" title="Workout of the day" connected={polled.connected} lastMessageAt={polled.lastMessageAt}>
      {polled.data?.wod ? <WodPanel wod={polled.data.wod} /> : <p className="widget__none">{polled.data ? 'No workout posted for today.' : ' '}</p>}
    </WidgetFrame>
  );
}

/** `/widgets/achievements?limit=5` */
export function AchievementsWidget({ url }: { url: UrlOptions }) {
  const polled = usePolled<AchievementsState>('/api/achievements', every(url, WIDGET_REFRESH_S.achievements));
  const now = useNow(30_000);
  const items = polled.data?.items ?? [];
  return (
    <WidgetFrame name="achievements" title="Records this week" connected={polled.connected} lastMessageAt={polled.lastMessageAt}>
      {items.length > 0 ? <AchievementList items={items} now={now} limit={url.limit ?? 5} /> : <p className="widget__none">{polled.data ? 'No records yet this week.' : ' '}</p>}
    </WidgetFrame>
  );
}

/** `/widgets/equipment-status` */
export function EquipmentStatusWidget({ url }: { url: UrlOptions }) {
  const polled = usePolled<EquipmentAnswer>('/api/equipment', every(url, WIDGET_REFRESH_S.equipmentStatus));
  const tiles = polled.data?.tiles ?? [];
  const free = tiles.filter((t) => t.state === 'idle').length;
  const busy = tiles.filter((t) => t.state === 'in_use').length;
  return (
    <WidgetFrame name="equipment-status" title="Equipment" connected={polled.connected} lastMessageAt={polled.lastMessageAt}>
      <p className="wequip__summary" data-testid="equipment-counts">
        <b>{free}</b> free · <b>{busy}</b> in use
      </p>
      <ul className="wequip__list">
        {tiles.slice(0, url.limit ?? 24).map((t) => (
          <li key={tileKey(t)} className={`wequip__item wequip__item--${t.state}`} data-testid="equipment-tile">
            <span className="wequip__dot" aria-hidden="true" />
            <span className="wequip__name">{t.name}</span>
            <span className="wequip__state">
              {t.state === 'in_use' ? (t.memberDisplayName ?? 'In use') : t.state === 'idle' ? 'Free' : 'Offline'}
            </span>
          </li>
        ))}
      </ul>
      {tiles.length === 0 && polled.data ? <p className="widget__none">No {EQUIPMENT_LABEL.rower.toLowerCase()}s or other machines reported yet.</p> : null}
    </WidgetFrame>
  );
}
