/**
 * Who may do what on the embedded floor broker (pure: no I/O). Two roles:
 * - `box`: a gateway of this gym. Publishes only under `floorgate/<locationId>/<its user name>/…` (so one box cannot
 *   speak for another), subscribes to anything of its floor `floorgate/<locationId>/#`.
 * - `reader`: a read-only integration (Home Assistant, Node-RED). Publishes nothing; subscribes only to
 *   `…/+/presence` and `…/+/public/#`, never to `facts` (member ids).
 * Topic filters are compared by coverage: a reader's `floorgate/gym/+/public/machines/+/state` is inside
 * `floorgate/gym/+/public/#` and allowed; `floorgate/gym/#` reaches `facts` and is refused whole.
 */
import { FLOOR_ROOT } from '../../shared/floor.js';

export const FLOOR_ROLES = ['box', 'reader'] as const;
export type FloorRole = (typeof FLOOR_ROLES)[number];

export interface FloorAccount {
  user: string;
  role: FloorRole;
}

export type AccessDecision = { ok: true } | { ok: false; reason: string };

const allow: AccessDecision = { ok: true };
const deny = (reason: string): AccessDecision => ({ ok: false, reason });

/** What each role may subscribe to (and so receive). */
export function readableFilters(account: FloorAccount, locationId: string): string[] {
  const floor = `${FLOOR_ROOT}/${locationId}`;
  return account.role === 'box' ? [`${floor}/#`] : [`${floor}/+/presence`, `${floor}/+/public/#`];
}

/** The one topic prefix a box may publish under; readers have none. */
export function ownPrefix(account: FloorAccount, locationId: string): string | null {
  return account.role === 'box' ? `${FLOOR_ROOT}/${locationId}/${account.user}/` : null;
}

export function mayPublish(account: FloorAccount, locationId: string, topic: string): AccessDecision {
  const prefix = ownPrefix(account, locationId);
  if (prefix === null) return deny(`"${account.user}" is a read-only account (role reader)`);
  if (/[+#]/.test(topic)) return deny('a topic to publish to may hold no wildcard');
  if (!topic.startsWith(prefix) || topic.length === prefix.length) {
    return deny(`box "${account.user}" publishes only under ${prefix}…`);
  }
  return allow;
}

export function maySubscribe(account: FloorAccount, locationId: string, filter: string): AccessDecision {
  const readable = readableFilters(account, locationId);
  if (readable.some((pattern) => filterCovers(pattern, filter))) return allow;
  return deny(`${account.role} "${account.user}" may subscribe only within ${readable.join(' or ')}`);
}

/** Last line of defence before a message leaves the broker: the same rule as subscribing, on the concrete topic. */
export function mayReceive(account: FloorAccount, locationId: string, topic: string): boolean {
  // Called for every delivery: a box's rule is a prefix test.
  if (account.role === 'box') return topic.startsWith(`${FLOOR_ROOT}/${locationId}/`);
  return readableFilters(account, locationId).some((pattern) => topicMatches(pattern, topic));
}

/** True when every topic `filter` matches is also matched by `pattern` (MQTT 3.1.1 §4.7 wildcards). */
export function filterCovers(pattern: string, filter: string): boolean {
  const p = pattern.split('/');
  const f = filter.split('/');
  for (let i = 0; ; i++) {
    if (i === p.length && i === f.length) return true;
    // `#` also matches the parent level itself ("a/#" matches "a").
    if (p[i] === '#') return true;
    if (i >= p.length || i >= f.length) return false;
    if (f[i] === '#') return false;
    if (p[i] === '+') continue;
    if (p[i] !== f[i]) return false; // also a `+` in the filter against a literal in the pattern
  }
}

/** Does a concrete topic match a filter? (`$…` topics never match a leading wildcard.) */
export function topicMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  return filterCovers(filter, topic);
}
