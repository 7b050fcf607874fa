/**
 * Versioned schema migrations. `PRAGMA user_version` holds the version applied last;
 * each step runs in its own transaction. Append new steps; never edit a released one.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'journal, outbox, check-ins, roster, daily WODs',
    sql: `
      -- Every fact the box captures, in capture order. event_id is made once, at capture.
      CREATE TABLE journal (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id    TEXT    NOT NULL UNIQUE,
        type        TEXT    NOT NULL,
        occurred_at INTEGER NOT NULL,          -- ms since epoch
        payload     TEXT    NOT NULL           -- JSON
      );
      CREATE TRIGGER journal_is_append_only BEFORE UPDATE ON journal
      BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;

      -- What still has to leave the box. Fed from the journal in the same transaction.
      CREATE TABLE outbox (
        seq        INTEGER PRIMARY KEY REFERENCES journal(seq),
        priority   INTEGER NOT NULL,           -- lower drains first: check-ins before telemetry
        state      TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        updated_at INTEGER
      );
      CREATE INDEX outbox_pending ON outbox (priority, seq) WHERE state = 'pending';

      -- Check-in decisions, for the rules that look back (anti-passback, occupancy).
      CREATE TABLE checkins (
        event_id   TEXT    PRIMARY KEY REFERENCES journal(event_id),
        member_id  TEXT,
        badge      TEXT    NOT NULL,
        decision   TEXT    NOT NULL CHECK (decision IN ('accepted', 'denied')),
        reason     TEXT,
        decided_at INTEGER NOT NULL
      );
      CREATE INDEX checkins_accepted_by_member ON checkins (member_id, decided_at) WHERE decision = 'accepted';
      CREATE INDEX checkins_by_time ON checkins (decided_at);

      -- The cached roster: decisions never wait for the network.
      CREATE TABLE members (
        id         TEXT PRIMARY KEY,
        data       TEXT    NOT NULL,           -- JSON Member
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE badges (
        badge     TEXT PRIMARY KEY,            -- normalized, see checkin/badge.ts
        member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE
      );
      CREATE INDEX badges_by_member ON badges (member_id);

      CREATE TABLE daily_wods (
        location_id TEXT NOT NULL,
        date        TEXT NOT NULL,             -- YYYY-MM-DD, local
        data        TEXT NOT NULL,             -- JSON Wod
        PRIMARY KEY (location_id, date)
      );

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'uplink: counters, staff alerts, pull state',
    sql: `
      -- Exact, persistent counts per event type: produced, delivered, dead, shed.
      -- Invariant: produced = delivered + dead + shed + pending.
      CREATE TABLE counters (
        name  TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      );

      -- What staff must see: corrupted database quarantined, disk full, auth errors…
      CREATE TABLE alerts (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        at          INTEGER NOT NULL,
        code        TEXT    NOT NULL,
        message     TEXT    NOT NULL,
        resolved_at INTEGER
      );

      -- One row per scheduled pull (roster, wod, challenges): last success, last error, cursor.
      CREATE TABLE pulls (
        name            TEXT PRIMARY KEY,
        last_attempt_at INTEGER,
        last_success_at INTEGER,
        last_error      TEXT,
        state           TEXT                 -- JSON: cursor / updatedSince
      );

      CREATE INDEX outbox_delivered ON outbox (updated_at) WHERE state = 'delivered';
    `,
  },
  {
    version: 3,
    name: 'equipment sessions, their 1 Hz samples, strap pairings',
    sql: `
      -- One row per detected session; the journal holds the facts (anonymous end, later claim), this the state.
      CREATE TABLE equipment_sessions (
        session_id     TEXT    PRIMARY KEY,    -- UUID v7 made when the session ended; stable across claims
        event_id       TEXT    NOT NULL,       -- the equipment_session fact of the end (the journal row may be pruned later)
        equipment_id   TEXT    NOT NULL,
        equipment_name TEXT    NOT NULL,
        equipment_type TEXT    NOT NULL,
        member_id      TEXT,                   -- NULL: anonymous, claimable
        started_at     INTEGER NOT NULL,       -- ms since epoch
        ended_at       INTEGER NOT NULL,
        summary        TEXT    NOT NULL,       -- JSON SessionSummary
        claimed_via    TEXT,                   -- how the member was set: adapter, reader:<id>, kiosk, …
        claim_event_id TEXT,                   -- the fact of a claim made after the end
        claimed_at     INTEGER
      );
      CREATE INDEX equipment_sessions_by_machine ON equipment_sessions (equipment_id, ended_at);
      CREATE INDEX equipment_sessions_anonymous ON equipment_sessions (ended_at) WHERE member_id IS NULL;

      -- The session's figures once per second.
      CREATE TABLE session_samples (
        session_id TEXT    NOT NULL REFERENCES equipment_sessions(session_id) ON DELETE CASCADE,
        t          INTEGER NOT NULL,           -- seconds since the session started
        data       TEXT    NOT NULL,           -- JSON SessionSample
        PRIMARY KEY (session_id, t)
      ) WITHOUT ROWID;

      -- Heart-rate straps and the member wearing them.
      CREATE TABLE strap_pairings (
        strap_id  TEXT    PRIMARY KEY,         -- the strap's equipment id
        member_id TEXT    NOT NULL,
        paired_at INTEGER NOT NULL,
        source    TEXT    NOT NULL             -- checkin:<eventId> or staff
      );
    `,
  },
  {
    version: 4,
    name: 'challenges, cloud leaderboards, provisional sessions, personal bests, achievements',
    sql: `
      -- Challenges: pulled from the cloud (source 'cloud') or demo/local ones (source 'local').
      CREATE TABLE challenges (
        id         TEXT    PRIMARY KEY,
        source     TEXT    NOT NULL CHECK (source IN ('cloud', 'local')),
        data       TEXT    NOT NULL,           -- JSON CloudChallenge
        updated_at INTEGER NOT NULL
      );

      -- The cloud's leaderboard per challenge, as last pulled.
      CREATE TABLE challenge_leaderboards (
        challenge_id TEXT    PRIMARY KEY REFERENCES challenges(id) ON DELETE CASCADE,
        data         TEXT    NOT NULL,         -- JSON CloudLeaderboard
        fetched_at   INTEGER NOT NULL
      );

      -- Members' equipment sessions on this box: provisional leaderboard entries until the cloud counts them.
      CREATE TABLE leaderboard_sessions (
        event_id       TEXT    PRIMARY KEY,
        member_id      TEXT    NOT NULL,
        equipment_type TEXT    NOT NULL,
        ended_at       INTEGER NOT NULL,       -- ms since epoch
        data           TEXT    NOT NULL        -- JSON ChallengeSession
      );
      CREATE INDEX leaderboard_sessions_by_end ON leaderboard_sessions (ended_at);

      -- Each member's best per record category (achievements/records.ts).
      CREATE TABLE personal_bests (
        member_id TEXT    NOT NULL,
        category  TEXT    NOT NULL,
        value     REAL    NOT NULL,
        event_id  TEXT    NOT NULL,
        at        INTEGER NOT NULL,
        PRIMARY KEY (member_id, category)
      );

      -- PRs and goals reached, for the achievements screen; ids are deterministic, so a replay adds nothing.
      CREATE TABLE achievements (
        id        TEXT    PRIMARY KEY,
        member_id TEXT    NOT NULL,
        kind      TEXT    NOT NULL,
        at        INTEGER NOT NULL,
        data      TEXT    NOT NULL             -- JSON Achievement
      );
      CREATE INDEX achievements_by_time ON achievements (at);
    `,
  },
  {
    version: 5,
    name: 'check-in look-back from the journal itself',
    sql: `
      -- Anti-passback and occupancy look back minutes to hours: the gateway keeps that in memory and
      -- reloads it from the journal's tail at start. One table fewer to write on every check-in.
      DROP TABLE checkins;
    `,
  },
  {
    version: 6,
    name: 'counters kept in step by triggers: pending per type, telemetry bytes per table',
    sql: `
      -- Status reads these instead of scanning the queue. Triggers keep them exact for every writer,
      -- in the writer's own transaction. pending:<type> / pending_bytes:<type> (payload bytes) follow
      -- outbox rows in state 'pending'; telemetry_bytes:<table> estimates what telemetry occupies
      -- (payload plus keys), which the telemetry quota bounds.
      CREATE TRIGGER outbox_pending_insert AFTER INSERT ON outbox WHEN NEW.state = 'pending' BEGIN
        INSERT INTO counters (name, value) SELECT 'pending:' || type, 1 FROM journal WHERE seq = NEW.seq
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
        INSERT INTO counters (name, value) SELECT 'pending_bytes:' || type, length(CAST(payload AS BLOB)) FROM journal WHERE seq = NEW.seq
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER outbox_pending_leave AFTER UPDATE OF state ON outbox WHEN OLD.state = 'pending' AND NEW.state <> 'pending' BEGIN
        INSERT INTO counters (name, value) SELECT 'pending:' || type, -1 FROM journal WHERE seq = OLD.seq
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
        INSERT INTO counters (name, value) SELECT 'pending_bytes:' || type, -length(CAST(payload AS BLOB)) FROM journal WHERE seq = OLD.seq
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER outbox_pending_return AFTER UPDATE OF state ON outbox WHEN OLD.state <> 'pending' AND NEW.state = 'pending' BEGIN
        INSERT INTO counters (name, value) SELECT 'pending:' || type, 1 FROM journal WHERE seq = NEW.seq
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
        INSERT INTO counters (name, value) SELECT 'pending_bytes:' || type, length(CAST(payload AS BLOB)) FROM journal WHERE seq = NEW.seq
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER outbox_pending_delete AFTER DELETE ON outbox WHEN OLD.state = 'pending' BEGIN
        INSERT INTO counters (name, value) SELECT 'pending:' || type, -1 FROM journal WHERE seq = OLD.seq
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
        INSERT INTO counters (name, value) SELECT 'pending_bytes:' || type, -length(CAST(payload AS BLOB)) FROM journal WHERE seq = OLD.seq
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;

      CREATE TRIGGER journal_telemetry_insert AFTER INSERT ON journal WHEN NEW.type <> 'check_in' BEGIN
        INSERT INTO counters (name, value) VALUES ('telemetry_bytes:journal', length(CAST(NEW.payload AS BLOB)) + length(NEW.event_id) + 24)
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER journal_telemetry_delete AFTER DELETE ON journal WHEN OLD.type <> 'check_in' BEGIN
        INSERT INTO counters (name, value) VALUES ('telemetry_bytes:journal', -(length(CAST(OLD.payload AS BLOB)) + length(OLD.event_id) + 24))
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER equipment_sessions_bytes_insert AFTER INSERT ON equipment_sessions BEGIN
        INSERT INTO counters (name, value) VALUES ('telemetry_bytes:equipment_sessions',
          length(CAST(NEW.summary AS BLOB)) + length(CAST(NEW.equipment_name AS BLOB)) + length(NEW.equipment_id) + 160)
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER equipment_sessions_bytes_delete AFTER DELETE ON equipment_sessions BEGIN
        INSERT INTO counters (name, value) VALUES ('telemetry_bytes:equipment_sessions',
          -(length(CAST(OLD.summary AS BLOB)) + length(CAST(OLD.equipment_name AS BLOB)) + length(OLD.equipment_id) + 160))
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER session_samples_bytes_insert AFTER INSERT ON session_samples BEGIN
        INSERT INTO counters (name, value) VALUES ('telemetry_bytes:session_samples', length(CAST(NEW.data AS BLOB)) + length(NEW.session_id) + 8)
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER session_samples_bytes_delete AFTER DELETE ON session_samples BEGIN
        INSERT INTO counters (name, value) VALUES ('telemetry_bytes:session_samples', -(length(CAST(OLD.data AS BLOB)) + length(OLD.session_id) + 8))
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER leaderboard_sessions_bytes_insert AFTER INSERT ON leaderboard_sessions BEGIN
        INSERT INTO counters (name, value) VALUES ('telemetry_bytes:leaderboard_sessions',
          length(CAST(NEW.data AS BLOB)) + length(CAST(NEW.member_id AS BLOB)) + length(NEW.event_id) * 2 + 48)
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER leaderboard_sessions_bytes_delete AFTER DELETE ON leaderboard_sessions BEGIN
        INSERT INTO counters (name, value) VALUES ('telemetry_bytes:leaderboard_sessions',
          -(length(CAST(OLD.data AS BLOB)) + length(CAST(OLD.member_id AS BLOB)) + length(OLD.event_id) * 2 + 48))
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER achievements_bytes_insert AFTER INSERT ON achievements BEGIN
        INSERT INTO counters (name, value) VALUES ('telemetry_bytes:achievements',
          length(CAST(NEW.data AS BLOB)) + length(CAST(NEW.member_id AS BLOB)) + length(CAST(NEW.id AS BLOB)) * 2 + 48)
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;
      CREATE TRIGGER achievements_bytes_delete AFTER DELETE ON achievements BEGIN
        INSERT INTO counters (name, value) VALUES ('telemetry_bytes:achievements',
          -(length(CAST(OLD.data AS BLOB)) + length(CAST(OLD.member_id AS BLOB)) + length(CAST(OLD.id AS BLOB)) * 2 + 48))
          ON CONFLICT (name) DO UPDATE SET value = value + excluded.value;
      END;

      -- Once, from the rows already there (the only scan; from here on the triggers keep step).
      DELETE FROM counters WHERE name GLOB 'pending:*' OR name GLOB 'pending_bytes:*' OR name GLOB 'telemetry_bytes:*';
      INSERT INTO counters (name, value)
        SELECT 'pending:' || j.type, count(*) FROM outbox o JOIN journal j ON j.seq = o.seq WHERE o.state = 'pending' GROUP BY j.type;
      INSERT INTO counters (name, value)
        SELECT 'pending_bytes:' || j.type, sum(length(CAST(j.payload AS BLOB))) FROM outbox o JOIN journal j ON j.seq = o.seq
        WHERE o.state = 'pending' GROUP BY j.type;
      INSERT INTO counters (name, value)
        SELECT 'telemetry_bytes:journal', coalesce(sum(length(CAST(payload AS BLOB)) + length(event_id) + 24), 0) FROM journal WHERE type <> 'check_in';
      INSERT INTO counters (name, value)
        SELECT 'telemetry_bytes:equipment_sessions', coalesce(sum(length(CAST(summary AS BLOB)) + length(CAST(equipment_name AS BLOB)) + length(equipment_id) + 160), 0)
        FROM equipment_sessions;
      INSERT INTO counters (name, value)
        SELECT 'telemetry_bytes:session_samples', coalesce(sum(length(CAST(data AS BLOB)) + length(session_id) + 8), 0) FROM session_samples;
      INSERT INTO counters (name, value)
        SELECT 'telemetry_bytes:leaderboard_sessions', coalesce(sum(length(CAST(data AS BLOB)) + length(CAST(member_id AS BLOB)) + length(event_id) * 2 + 48), 0)
        FROM leaderboard_sessions;
      INSERT INTO counters (name, value)
        SELECT 'telemetry_bytes:achievements', coalesce(sum(length(CAST(data AS BLOB)) + length(CAST(member_id AS BLOB)) + length(CAST(id AS BLOB)) * 2 + 48), 0)
        FROM achievements;
      -- Shedding finds the oldest of each kind by index, never by a scan.
      CREATE INDEX equipment_sessions_by_end ON equipment_sessions (ended_at);
      CREATE INDEX outbox_delivered_telemetry ON outbox (seq) WHERE state = 'delivered' AND priority > 0;
    `,
  },
  {
    version: 7,
    name: 'delivery lanes (webhooks, later the floor mesh) and their attempt log',
    sql: `
      -- One row per (lane, fact) for every destination other than the cloud (which keeps the outbox table).
      -- The body is made once, when the fact is journaled: every retry sends the same bytes and the same id.
      CREATE TABLE deliveries (
        lane       TEXT    NOT NULL,           -- webhook:<name>, floor, …
        seq        INTEGER NOT NULL,           -- journal.seq (a journal row is pruned only when every lane is done)
        event_id   TEXT    NOT NULL,
        event_type TEXT    NOT NULL,           -- the lane's own name for the event (member.checked_in, …)
        body       TEXT    NOT NULL,           -- emptied once delivered
        state      TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
        attempts   INTEGER NOT NULL DEFAULT 0,
        next_at    INTEGER NOT NULL DEFAULT 0, -- ms since epoch: not before
        last_error TEXT,
        updated_at INTEGER,
        PRIMARY KEY (lane, seq)
      ) WITHOUT ROWID;
      CREATE INDEX deliveries_pending ON deliveries (lane, seq) WHERE state = 'pending';
      CREATE INDEX deliveries_by_seq ON deliveries (seq);
      CREATE INDEX deliveries_delivered ON deliveries (updated_at) WHERE state = 'delivered';

      -- The last attempts per lane (status, latency, error) for staff; trimmed as it grows.
      CREATE TABLE lane_attempts (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        lane       TEXT    NOT NULL,
        event_id   TEXT    NOT NULL,
        event_type TEXT    NOT NULL,
        at         INTEGER NOT NULL,
        status     INTEGER,                    -- HTTP status, NULL when no answer came
        latency_ms INTEGER NOT NULL,
        outcome    TEXT    NOT NULL,           -- delivered | retry | dead | paused
        error      TEXT
      );
      CREATE INDEX lane_attempts_by_lane ON lane_attempts (lane, id);
    `,
  },
  {
    version: 8,
    name: 'facts heard from the other boxes of the floor (dedupe by eventId)',
    sql: `
      -- Facts another box captured and told the floor (MQTT): never journaled here, never sent to the cloud or
      -- webhooks by this box. The event_id makes a replay after a partition count once.
      CREATE TABLE floor_facts (
        event_id    TEXT    PRIMARY KEY,
        box_id      TEXT    NOT NULL,
        type        TEXT    NOT NULL,          -- check_in | equipment_session
        occurred_at INTEGER NOT NULL,          -- ms since epoch
        payload     TEXT    NOT NULL           -- the fact as received (JSON)
      ) WITHOUT ROWID;
      CREATE INDEX floor_facts_by_time ON floor_facts (type, occurred_at);
    `,
  },
  {
    version: 9,
    name: 'webhook destinations made in the staff console, and paused destinations',
    sql: `
      -- A destination added at the staff console (the config file's stay in the file). The settings as the
      -- webhooks config schema parsed them, without any secret: secrets live in <dataDir>/webhooks/ (0600).
      CREATE TABLE webhook_destinations (
        name       TEXT    PRIMARY KEY,
        settings   TEXT    NOT NULL,           -- JSON: url, events, filters, include, maxPerSecond…
        created_at INTEGER NOT NULL,           -- ms since epoch
        updated_at INTEGER NOT NULL
      ) WITHOUT ROWID;

      -- Destinations (from the file or the console) staff paused: their queue fills, nothing is sent.
      CREATE TABLE webhook_pauses (
        name      TEXT    PRIMARY KEY,
        paused_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];
