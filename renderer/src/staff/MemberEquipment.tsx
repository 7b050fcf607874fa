import { useCallback, useEffect, useState } from 'react';
import type { EquipmentAnswer } from '../../../shared/screens.js';
import type { MemberCard } from '../../../shared/staff.js';
import { clock, describeError, staffFetch } from './staff-api.js';

interface Claimable {
  sessionId: string;
  equipmentName: string;
  startedAt: string;
  endedAt: string;
  summary: { distanceM?: number; durationS?: number };
}

/**
 * At the desk, for the member found: pair a heart-rate strap with them (or unpair one), and give them an equipment
 * session they rowed without tapping in. Both go through the sessions routes; claims are journaled there.
 */
export function MemberEquipment({ member, onError }: { member: MemberCard; onError: (e: unknown) => void }) {
  const badge = member.badgeIds[0] ?? null;
  const [straps, setStraps] = useState<Array<{ id: string; name: string; wornBy: string | null }>>([]);
  const [claimable, setClaimable] = useState<Claimable[]>([]);
  const [strap, setStrap] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(() => {
    staffFetch<EquipmentAnswer>('/api/equipment').then(
      (a) => setStraps(a.tiles.filter((t) => t.kind === 'hr_strap').map((t) => ({ id: t.equipmentId, name: t.name, wornBy: t.memberDisplayName }))),
      onError,
    );
    staffFetch<{ sessions: Claimable[] }>('/api/sessions/claimable').then((a) => setClaimable(a.sessions), onError);
  }, [onError]);
  useEffect(load, [load]);
  const act = async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      setNote({ ok: true, text: done });
      load();
    } catch (failure) {
      onError(failure);
      setNote({ ok: false, text: describeError(failure) });
    }
  };
  if (!badge) return <p className="staff-muted staff-small">No badge on file: straps and sessions pair by badge.</p>;
  const chosen = straps.find((s) => s.id === strap) ?? null;
  return (
    <section className="staff-stack" data-testid="member-equipment">
      <h3>Straps and sessions</h3>
      <div className="staff-row">
        <select aria-label="Heart-rate strap" value={strap} onChange={(e) => setStrap(e.target.value)}>
          <option value="">Choose a strap…</option>
          {straps.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.wornBy ? ` (worn by ${s.wornBy})` : ''}
            </option>
          ))}
        </select>
        <button type="button" disabled={!chosen} onClick={() => void act(() => staffFetch(`/api/straps/${encodeURIComponent(strap)}/pairing`, { method: 'PUT', body: { badge } }), `${chosen?.name} paired with ${member.name}.`)}>
          Pair strap
        </button>
        <button
          type="button"
          className="staff-button--quiet"
          disabled={!chosen}
          onClick={() => void act(() => staffFetch(`/api/straps/${encodeURIComponent(strap)}/pairing`, { method: 'DELETE' }), `${chosen?.name} unpaired.`)}
        >
          Unpair
        </button>
      </div>
      {claimable.length === 0 ? (
        <p className="staff-muted staff-small">No anonymous sessions from the last day to claim.</p>
      ) : (
        <ul className="staff-list" data-testid="claimable-sessions">
          {claimable.slice(0, 8).map((s) => (
            <li key={s.sessionId} className="staff-row">
              <span className="staff-grow">
                {s.equipmentName} · {clock(s.startedAt)}–{clock(s.endedAt)}
                {s.summary.distanceM !== undefined ? ` · ${Math.round(s.summary.distanceM)} m` : ''}
              </span>
              <button
                type="button"
                onClick={() => void act(() => staffFetch(`/api/sessions/${encodeURIComponent(s.sessionId)}/claim`, { method: 'POST', body: { badge } }), `Session on ${s.equipmentName} given to ${member.name}.`)}
              >
                Claim for {member.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {note ? <p role={note.ok ? 'status' : 'alert'} className={note.ok ? 'staff-good' : 'staff-bad'}>{note.text}</p> : null}
    </section>
  );
}
