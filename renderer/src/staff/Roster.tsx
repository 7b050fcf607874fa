import { useState, type ChangeEvent } from 'react';
import type { RosterUploadAnswer } from '../../../shared/staff.js';
import { describeError, staffFetch } from './staff-api.js';
import type { StaffPageProps } from './StaffApp.js';

/** Upload the member list as CSV or JSON: all of it loads, or nothing and every bad row is named. */
export function Roster({ status, onError }: StaffPageProps) {
  const [result, setResult] = useState<RosterUploadAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again (after fixing it) uploads it again
    if (!file) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await staffFetch<RosterUploadAnswer>('/api/staff/roster', { method: 'POST', body: { fileName: file.name, text: await file.text() } }));
    } catch (failure) {
      onError(failure);
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="staff-card staff-stack">
      <p>
        {status ? `${status.roster.members} members on this box. ` : ''}A file with a header row: <code>id, name, badge_ids, status, valid_until, waiver, privacy, alias, plan</code>{' '}
        (badge_ids separated by “;”; waiver yes/no; privacy name, alias or hidden). Members already here are updated by id.
      </p>
      <label className="staff-stack">
        Roster file (.csv or .json)
        <input type="file" accept=".csv,.json,text/csv,application/json" onChange={upload} disabled={busy} />
      </label>
      {busy ? <p className="staff-muted">Checking and loading…</p> : null}
      {result ? (
        <p className="staff-good" role="status">
          Loaded {result.members} members with {result.badges} badges.
          {result.warnings.map((w) => (
            <span key={w} className="staff-muted staff-small">
              <br />
              {w}
            </span>
          ))}
        </p>
      ) : null}
      {error ? (
        <pre className="staff-error staff-pre" role="alert">
          {error}
        </pre>
      ) : null}
    </section>
  );
}
