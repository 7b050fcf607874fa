import { describe, expect, it } from 'vitest';
import { decideClaim, PendingClaims } from '../../gateway/sessions/claims.js';

const at = (s: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, s));
const WINDOW = 120_000;

describe('badge tap at a machine: what it claims', () => {
  it('claims the running anonymous session', () => {
    expect(decideClaim({ memberId: 'm-anna', at: at(0), windowMs: WINDOW, active: { memberId: null }, latest: null })).toEqual({
      kind: 'claim_active',
    });
  });

  it('never takes a running session from another member', () => {
    expect(decideClaim({ memberId: 'm-anna', at: at(0), windowMs: WINDOW, active: { memberId: 'm-erik' }, latest: null })).toEqual({
      kind: 'taken',
    });
    expect(decideClaim({ memberId: 'm-erik', at: at(0), windowMs: WINDOW, active: { memberId: 'm-erik' }, latest: null })).toEqual({
      kind: 'already_yours',
    });
  });

  it('claims the anonymous session that ended within the window, not one that ended before it', () => {
    const latest = { sessionId: 's-1', memberId: null, endedAt: at(0) };
    expect(decideClaim({ memberId: 'm-anna', at: at(120), windowMs: WINDOW, active: null, latest })).toEqual({
      kind: 'claim_ended',
      sessionId: 's-1',
    });
    expect(decideClaim({ memberId: 'm-anna', at: at(121), windowMs: WINDOW, active: null, latest })).toEqual({
      kind: 'pending',
      until: at(241),
    });
  });

  it('a tap after someone else’s session waits for the next one', () => {
    const latest = { sessionId: 's-1', memberId: 'm-erik', endedAt: at(0) };
    expect(decideClaim({ memberId: 'm-anna', at: at(10), windowMs: WINDOW, active: null, latest })).toEqual({
      kind: 'pending',
      until: at(130),
    });
  });

  it('a pending tap is taken by a session starting within the window, once', () => {
    const pending = new PendingClaims();
    pending.add('rower-1', 'm-anna', at(120));
    expect(pending.take('rower-2', at(10))).toBeNull();
    expect(pending.take('rower-1', at(120))).toBe('m-anna');
    expect(pending.take('rower-1', at(121))).toBeNull();
    pending.add('rower-1', 'm-anna', at(120));
    expect(pending.take('rower-1', at(121))).toBeNull();
    pending.add('rower-1', 'm-anna', at(120));
    pending.expire(at(121));
    expect(pending.take('rower-1', at(100))).toBeNull();
  });
});
