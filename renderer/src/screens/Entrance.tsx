import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckInResult } from '../../../shared/checkin.js';
import { rooms } from '../../../shared/live.js';
import { ApiError, postCheckIn, type UrlOptions } from '../api.js';
import { useRoom, type MessageType, type RoomMessage } from '../live/useRoom.js';
import { countNote, floorAttribute } from '../floor/floor-words.js';
import { useFloor } from '../floor/useFloor.js';
import { useScreenSetup } from '../useScreenConfig.js';
import { WedgeBuffer } from '../wedge.js';
import { WodPanel } from '../components/WodCard.js';
import { ScreenFrame } from './ScreenFrame.js';

/** Until the screen config arrives. */
const DEFAULT_RESET_S = 8;
/** How many event ids we remember to drop duplicates (our own check-ins come back from the room). */
const SEEN_LIMIT = 500;
/** Latest check-ins kept from the entrance room. */
const HISTORY_LIMIT = 20;
/**
 * "Checking…" only for an answer that is slow to come. A normal answer takes ~10–30 ms: painting "Checking…" first
 * flashes it for one frame and, on a small CPU, its render and raster compete with the check-in's own request.
 */
const PENDING_AFTER_MS = 150;

type Shown =
  | { kind: 'idle' }
  | { kind: 'pending'; seq: number }
  | { kind: 'result'; seq: number; result: CheckInResult }
  | { kind: 'error'; seq: number; message: string }
  | { kind: 'slow-down'; seq: number };

/** An entrance delta is one check-in; accept it bare or wrapped in an array. */
function asList(data: CheckInResult[] | CheckInResult): CheckInResult[] {
  return Array.isArray(data) ? data : [data];
}

function mergeEntrance(previous: CheckInResult[] | null, delta: CheckInResult[]): CheckInResult[] {
  return [...asList(delta), ...(previous ?? [])].slice(0, HISTORY_LIMIT);
}

export function Entrance({ url }: { url: UrlOptions }) {
  const setup = useScreenSetup(url);
  const { token, config, locationId } = setup;
  const resetS = Math.max(1, config?.entranceResetS ?? DEFAULT_RESET_S);

  const [shown, setShown] = useState<Shown>({ kind: 'idle' });
  const [keyboardReady, setKeyboardReady] = useState(false);
  const seq = useRef(0);
  const seen = useRef(new Set<string>());

  const markSeen = useCallback((eventId: string): boolean => {
    const set = seen.current;
    if (set.has(eventId)) return false;
    set.add(eventId);
    if (set.size > SEEN_LIMIT) {
      const oldest = set.values().next();
      if (!oldest.done) set.delete(oldest.value);
    }
    return true;
  }, []);

  const showResult = useCallback(
    (result: CheckInResult) => {
      if (!markSeen(result.eventId)) return;
      setShown({ kind: 'result', seq: ++seq.current, result });
    },
    [markSeen],
  );

  // Check-ins from readers elsewhere (and our own, again): show the new ones; a snapshot is history.
  const onEntranceMessage = useCallback(
    (type: MessageType, message: RoomMessage<'entrance'>) => {
      const results = asList(message.data);
      if (type === 'snapshot') {
        for (const result of results) markSeen(result.eventId);
        return;
      }
      for (const result of [...results].reverse()) showResult(result);
    },
    [markSeen, showResult],
  );

  const live = useRoom('entrance', locationId === null ? null : rooms.entrance(locationId), {
    token,
    merge: mergeEntrance,
    onMessage: onEntranceMessage,
  });

  // During a partition this door decides alone: the count (and anti-passback) cover only the doors this box hears.
  const floor = useFloor(locationId, token).data;

  const pendingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pendingTimer.current), []);
  const submit = useCallback(
    (badge: string) => {
      const mine = ++seq.current;
      clearTimeout(pendingTimer.current);
      // Any result, error or newer scan moves seq on: then "Checking…" is no longer true and is not shown.
      pendingTimer.current = setTimeout(() => seq.current === mine && setShown({ kind: 'pending', seq: mine }), PENDING_AFTER_MS);
      postCheckIn({ badge, method: 'badge' }, token).then(showResult, (error: unknown) => {
        // Rate limited: not a failure the member can do anything about but wait a moment.
        if (error instanceof ApiError && error.status === 429) return setShown({ kind: 'slow-down', seq: ++seq.current });
        const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
        setShown({ kind: 'error', seq: ++seq.current, message });
      });
    },
    [token, showResult],
  );

  // Keyboard wedge: no focused field; listen on window.
  const submitRef = useRef(submit);
  submitRef.current = submit;
  useEffect(() => {
    const buffer = new WedgeBuffer(1000);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const target = event.target;
      if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const badge = buffer.key(event.key, performance.now());
      if (event.key === 'Enter' || event.key.length === 1) event.preventDefault();
      if (badge !== null) submitRef.current(badge);
    };
    window.addEventListener('keydown', onKeyDown);
    setKeyboardReady(true);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      setKeyboardReady(false);
    };
  }, []);

  // Back to "Scan your badge" after entranceResetS (a newer result restarts the wait).
  useEffect(() => {
    if (shown.kind !== 'result' && shown.kind !== 'error' && shown.kind !== 'slow-down') return;
    const timer = setTimeout(() => setShown({ kind: 'idle' }), resetS * 1000);
    return () => clearTimeout(timer);
  }, [shown, resetS]);

  return (
    <ScreenFrame
      className="entrance"
      locationName={setup.locationName}
      live={{ connected: live.connected, lastMessageAt: live.lastMessageAt, detail: live.error ?? setup.error }}
      dataAttributes={{ 'data-keyboard': keyboardReady ? 'ready' : 'starting', ...floorAttribute(floor) }}
      contentKey={shown}
      floorNotice={countNote(floor)}
    >
      <EntrancePanel shown={shown} waiting={config === null} door={config?.doorConfigured === true} />
    </ScreenFrame>
  );
}

function EntrancePanel({ shown, waiting, door }: { shown: Shown; waiting: boolean; door: boolean }) {
  switch (shown.kind) {
    case 'idle':
      return (
        <section className="panel panel--idle" data-testid="entrance-idle">
          <div className="badge-icon" aria-hidden="true" />
          <h1 className="headline">Scan your badge</h1>
          <p className="subline">{waiting ? 'Waiting for the gateway…' : 'Hold your badge to the reader'}</p>
        </section>
      );
    case 'pending':
      return (
        <section className="panel panel--pending" data-testid="entrance-pending">
          <h1 className="headline">Checking…</h1>
        </section>
      );
    case 'slow-down':
      return (
        <section className="panel panel--pending" data-testid="entrance-one-moment" role="status">
          <h1 className="headline">One moment…</h1>
          <p className="subline">Please scan your badge again in a few seconds</p>
        </section>
      );
    case 'error':
      return (
        <section className="panel panel--error" data-testid="entrance-error" role="alert">
          <h1 className="headline headline--medium">Check-in is offline for a moment — please see the front desk</h1>
          {/* The cause is for staff: small, below the words for members. */}
          <p className="entrance__staff-detail" data-testid="entrance-error-detail">
            For staff: {shown.message}
          </p>
        </section>
      );
    case 'result':
      return shown.result.decision === 'accepted' ? <Welcome result={shown.result} door={door} /> : <Denied result={shown.result} />;
  }
}

/** `door`: a door relay is configured, so an accepted check-in has opened it; the member is told to go in. */
function Welcome({ result, door }: { result: CheckInResult; door: boolean }) {
  const name = result.member?.displayName ?? null;
  return (
    <section className="panel panel--welcome" data-testid="entrance-welcome">
      <h1 className="headline headline--welcome">{name === null ? 'Welcome!' : `Welcome, ${name}`}</h1>
      {door ? (
        <p className="door-open" data-testid="door-open" role="status">
          <span className="door-open__mark" aria-hidden="true">
            ➜
          </span>
          The door is open — come in
        </p>
      ) : null}
      {result.wod ? (
        <WodPanel wod={result.wod} />
      ) : (
        <p className="subline">No workout posted for today.</p>
      )}
    </section>
  );
}

function Denied({ result }: { result: CheckInResult }) {
  const reason = result.reason;
  return (
    <section
      className="panel panel--denied"
      data-testid="entrance-denied"
      data-denial-code={reason?.code ?? 'unknown'}
      role="alert"
    >
      <div className="denied__mark" aria-hidden="true">
        ✕
      </div>
      <h1 className="headline headline--denied" data-testid="denial-message">
        {reason?.message ?? 'Check-in denied.'}
      </h1>
      <p className="denied__action" data-testid="denial-action">
        What to do: {reason?.action ?? 'Please ask the staff.'}
      </p>
    </section>
  );
}
