import { useCallback, useEffect, useState } from 'react';
import type { GymSettingsAnswer } from '../../../shared/gym.js';
import type { JobRunAnswer, JobsAnswer } from '../../../shared/staff.js';
import { dateAndClock, describeError, staffFetch } from './staff-api.js';

const REFRESH_MS = 15_000;

/** Reads a staff route now and every REFRESH_MS (what the staff room's status does not carry). */
function usePolledStaff<T>(path: string, onError: (e: unknown) => void): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    staffFetch<T>(path).then(
      (answer) => {
        setData(answer);
        setError(null);
      },
      (failure: unknown) => {
        onError(failure);
        setError(describeError(failure));
      },
    );
  }, [path, onError]);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  return { data, error, reload };
}

/** Each node-cron job: schedule, last run and its result, next run, and "Run now". */
export function JobsCard({ onError }: { onError: (e: unknown) => void }) {
  const { data, error, reload } = usePolledStaff<JobsAnswer>('/api/staff/jobs', onError);
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const runNow = async (name: string) => {
    setBusy(name);
    try {
      const { job } = await staffFetch<JobRunAnswer>(`/api/staff/jobs/${encodeURIComponent(name)}/run`, { method: 'POST' });
      setNote(job.lastRun?.ok ? `${name}: done in ${job.lastRun.durationMs} ms.` : `${name} failed: ${job.lastRun?.error ?? 'no result'}`);
      reload();
    } catch (failure) {
      onError(failure);
      setNote(describeError(failure));
    } finally {
      setBusy(null);
    }
  };
  const failing = data?.jobs.some((j) => j.lastRun && !j.lastRun.ok) ?? false;
  return (
    <section className="staff-card staff-card--wide" data-testid="jobs-card">
      <header className="staff-card__head">
        <h2>Scheduled jobs</h2>
        {data ? <span className={`staff-state staff-state--${failing ? 'error' : 'connected'}`}>{failing ? 'Error' : 'Connected'}</span> : null}
      </header>
      {error ? <p className="staff-bad">{error}</p> : null}
      {data ? (
        <table className="staff-table">
          <thead>
            <tr>
              <th>Job</th>
              <th>Last run</th>
              <th>Result</th>
              <th>Next run</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.jobs.map((job) => (
              <tr key={job.name} data-testid={`job-${job.name}`}>
                <td>
                  {job.name}
                  <div className="staff-small staff-muted">
                    <code>{job.cron}</code>
                  </div>
                </td>
                <td>{job.running ? 'running…' : job.lastRun ? dateAndClock(job.lastRun.at) : 'not since start'}</td>
                <td className={job.lastRun && !job.lastRun.ok ? 'staff-bad' : ''}>{job.lastRun ? (job.lastRun.ok ? `OK (${job.lastRun.durationMs} ms)` : job.lastRun.error) : '—'}</td>
                <td>{dateAndClock(job.nextRunAt)}</td>
                <td>
                  <button type="button" disabled={busy !== null || job.running} onClick={() => void runNow(job.name)} aria-label={`Run ${job.name} now`}>
                    {busy === job.name ? 'Running…' : 'Run now'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {note ? <p role="status">{note}</p> : null}
    </section>
  );
}

/** The class schedule's ICS feed: where from, last read, today's classes, the error if it failed. */
export function ScheduleFeedCard({ onError }: { onError: (e: unknown) => void }) {
  const { data } = usePolledStaff<GymSettingsAnswer>('/api/staff/gym', onError);
  if (!data) return null;
  const feed = data.schedule;
  const state = feed === null ? 'Configure' : feed.error ? 'Error' : feed.fetchedAt ? 'Connected' : 'Connecting';
  return (
    <section className="staff-card" data-testid="schedule-card">
      <header className="staff-card__head">
        <h2>Class schedule</h2>
        <span className={`staff-state staff-state--${state.toLowerCase()}`}>{state}</span>
      </header>
      {feed === null ? (
        <p>No class schedule feed: set its address on the Gym page.</p>
      ) : (
        <>
          <p className="staff-small staff-url">{data.values.scheduleIcs}</p>
          <p className="staff-small">
            Last read {dateAndClock(feed.fetchedAt)} · {feed.classesToday} {feed.classesToday === 1 ? 'class' : 'classes'} today
          </p>
          {feed.error ? <p className="staff-bad">{feed.error} (the last good copy stays on screen)</p> : null}
        </>
      )}
    </section>
  );
}
