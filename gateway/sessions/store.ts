import type { EquipmentKind } from '../../shared/equipment.js';
import type { SessionSummary } from '../../shared/sessions.js';
import type { Db } from '../store/database.js';
import type { DetectedSession, SessionSample } from './detector.js';

/** A session as the box keeps it (migration 3). */
export interface StoredSession extends Omit<DetectedSession, 'samples'> {
  sessionId: string;
  /** The journal eventId of the fact that ended the session. */
  eventId: string;
  claimedVia: string | null;
  /** Set when the session was claimed after it ended: that claim's journal eventId. */
  claimEventId: string | null;
  claimedAt: Date | null;
}

interface SessionRow {
  session_id: string;
  event_id: string;
  equipment_id: string;
  equipment_name: string;
  equipment_type: EquipmentKind;
  member_id: string | null;
  started_at: number;
  ended_at: number;
  summary: string;
  claimed_via: string | null;
  claim_event_id: string | null;
  claimed_at: number | null;
}

function fromRow(row: SessionRow): StoredSession {
  return {
    sessionId: row.session_id,
    eventId: row.event_id,
    equipmentId: row.equipment_id,
    equipmentName: row.equipment_name,
    equipmentType: row.equipment_type,
    memberId: row.member_id,
    startedAt: new Date(row.started_at),
    endedAt: new Date(row.ended_at),
    summary: JSON.parse(row.summary) as SessionSummary,
    claimedVia: row.claimed_via,
    claimEventId: row.claim_event_id,
    claimedAt: row.claimed_at === null ? null : new Date(row.claimed_at),
  };
}

/** Sessions, their samples and strap pairings in SQLite. Writes are meant to run inside the journal's transaction. */
export class SessionStore {
  private readonly insertSession;
  private readonly insertSample;
  private readonly updateClaim;
  private readonly selectById;
  private readonly selectLatest;
  private readonly selectAnonymous;
  private readonly selectSamples;
  private readonly upsertPairing;
  private readonly deletePairing;

  constructor(private readonly db: Db) {
    this.insertSession = db.prepare(`
      INSERT INTO equipment_sessions
        (session_id, event_id, equipment_id, equipment_name, equipment_type, member_id, started_at, ended_at, summary, claimed_via)
      VALUES (@sessionId, @eventId, @equipmentId, @equipmentName, @equipmentType, @memberId, @startedAt, @endedAt, @summary, @claimedVia)`);
    this.insertSample = db.prepare('INSERT INTO session_samples (session_id, t, data) VALUES (?, ?, ?)');
    this.updateClaim = db.prepare(`
      UPDATE equipment_sessions SET member_id = ?, claim_event_id = ?, claimed_at = ?, claimed_via = ?
      WHERE session_id = ? AND member_id IS NULL`);
    this.selectById = db.prepare('SELECT * FROM equipment_sessions WHERE session_id = ?');
    this.selectLatest = db.prepare('SELECT * FROM equipment_sessions WHERE equipment_id = ? ORDER BY ended_at DESC LIMIT 1');
    this.selectAnonymous = db.prepare(
      'SELECT * FROM equipment_sessions WHERE member_id IS NULL AND ended_at >= ? ORDER BY ended_at DESC LIMIT ?',
    );
    this.selectSamples = db.prepare('SELECT t, data FROM session_samples WHERE session_id = ? ORDER BY t');
    this.upsertPairing = db.prepare(`
      INSERT INTO strap_pairings (strap_id, member_id, paired_at, source) VALUES (?, ?, ?, ?)
      ON CONFLICT (strap_id) DO UPDATE SET member_id = excluded.member_id, paired_at = excluded.paired_at, source = excluded.source`);
    this.deletePairing = db.prepare('DELETE FROM strap_pairings WHERE strap_id = ?');
  }

  insert(session: Omit<StoredSession, 'claimEventId' | 'claimedAt'>, samples: SessionSample[]): void {
    this.insertSession.run({
      sessionId: session.sessionId,
      eventId: session.eventId,
      equipmentId: session.equipmentId,
      equipmentName: session.equipmentName,
      equipmentType: session.equipmentType,
      memberId: session.memberId,
      startedAt: session.startedAt.getTime(),
      endedAt: session.endedAt.getTime(),
      summary: JSON.stringify(session.summary),
      claimedVia: session.claimedVia,
    });
    for (const { t, ...data } of samples) this.insertSample.run(session.sessionId, t, JSON.stringify(data));
  }

  /** Sets the member of an anonymous session; false when it is not anonymous (anymore). */
  claim(sessionId: string, memberId: string, claimEventId: string, at: Date, via: string): boolean {
    return this.updateClaim.run(memberId, claimEventId, at.getTime(), via, sessionId).changes === 1;
  }

  get(sessionId: string): StoredSession | null {
    const row = this.selectById.get(sessionId) as SessionRow | undefined;
    return row ? fromRow(row) : null;
  }

  latestOn(equipmentId: string): StoredSession | null {
    const row = this.selectLatest.get(equipmentId) as SessionRow | undefined;
    return row ? fromRow(row) : null;
  }

  anonymousSince(since: Date, limit: number): StoredSession[] {
    return (this.selectAnonymous.all(since.getTime(), limit) as SessionRow[]).map(fromRow);
  }

  samples(sessionId: string): SessionSample[] {
    return (this.selectSamples.all(sessionId) as Array<{ t: number; data: string }>).map((row) => ({
      t: row.t,
      ...(JSON.parse(row.data) as Omit<SessionSample, 't'>),
    }));
  }

  pairStrap(strapId: string, memberId: string, at: Date, source: string): void {
    this.upsertPairing.run(strapId, memberId, at.getTime(), source);
  }

  unpairStrap(strapId: string): boolean {
    return this.deletePairing.run(strapId).changes === 1;
  }

  strapPairings(): Map<string, string> {
    const rows = this.db.prepare('SELECT strap_id, member_id FROM strap_pairings').all() as Array<{ strap_id: string; member_id: string }>;
    return new Map(rows.map((r) => [r.strap_id, r.member_id]));
  }
}
