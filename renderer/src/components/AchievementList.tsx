import { memo } from 'react';
import type { AchievementItem } from '../../../shared/achievements.js';
import { formatClock } from '../api.js';

function when(at: string, now: number): string {
  const minutes = Math.round((now - Date.parse(at)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay ? `today ${formatClock(at)}` : new Date(at).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
}

const Card = memo(function Card({ item, now }: { item: AchievementItem; now: number }) {
  return (
    <li className={`achievement achievement--${item.kind}`} data-testid="achievement" data-kind={item.kind}>
      <span className="achievement__mark" aria-hidden="true">
        {item.kind === 'personal_record' ? 'PR' : item.kind === 'class_summary' ? '♥' : '★'}
      </span>
      <div className="achievement__body">
        <div className="achievement__who" data-testid="achievement-name">
          {item.displayName ?? 'A member'}
        </div>
        <div className="achievement__what">{item.title}</div>
        <div className="achievement__detail">{item.detail}</div>
      </div>
      <span className="achievement__when">{when(item.at, now)}</span>
    </li>
  );
});

export function AchievementList({ items, now, limit }: { items: AchievementItem[]; now: number; limit: number }) {
  return (
    <ol className="achievements__list">
      {items.slice(0, limit).map((item) => (
        <Card key={item.id} item={item} now={now} />
      ))}
    </ol>
  );
}
