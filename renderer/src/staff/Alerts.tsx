import { useState } from 'react';
import { dateAndClock, describeError, staffFetch } from './staff-api.js';
import type { StaffPageProps } from './StaffApp.js';

/** What staff must act on, live; acknowledging clears it (it comes back if the cause does). */
export function Alerts({ status, onError }: StaffPageProps) {
  const [note, setNote] = useState<string | null>(null);
  if (!status) return <p className="staff-muted">Waiting for the box’s status…</p>;
  const acknowledge = async (id: number) => {
    try {
      await staffFetch(`/api/staff/alerts/${id}/acknowledge`, { method: 'POST' });
      setNote('Acknowledged.');
    } catch (error) {
      onError(error);
      setNote(describeError(error));
    }
  };
  return (
    <section className="staff-card">
      {status.alerts.length === 0 ? <p>No alerts: nothing needs you.</p> : null}
      <ul className="staff-list" data-testid="alerts">
        {status.alerts.map((alert) => (
          <li key={alert.id} className="staff-alert">
            <span className="staff-grow">
              <strong>{alert.message}</strong>
              <span className="staff-small staff-muted">
                {' '}
                {alert.code} · {dateAndClock(alert.at)}
              </span>
            </span>
            <button type="button" onClick={() => acknowledge(alert.id)}>
              Acknowledge
            </button>
          </li>
        ))}
      </ul>
      {note ? <p role="status">{note}</p> : null}
    </section>
  );
}
