import { useState, type FormEvent } from 'react';
import { DEVICE_PROBLEM_ACTIONS } from '../../../shared/device-problems.js';
import type { GatewayStatus } from '../../../shared/status.js';
import { useNow } from '../live/useNow.js';
import { FloorCard } from './FloorCard.js';
import { JobsCard, ScheduleFeedCard } from './PolledCards.js';
import { AddWebhookCard, WebhookCard } from './WebhookCard.js';
import { deviceCardState, uplinkCardState, UPLINK_WORDS, type CardState } from './connection-state.js';
import { ago, dateAndClock, describeError, staffFetch } from './staff-api.js';
import type { StaffPageProps } from './StaffApp.js';

function StateTag({ state, label }: { state: CardState; label?: string }) {
  return <span className={`staff-state staff-state--${state.toLowerCase()}`}>{label ?? state}</span>;
}

const MB = 1024 * 1024;

/** A card per connection, live from the staff room. */
export function Connections({ status, onError }: StaffPageProps) {
  const now = useNow(5000);
  if (!status) return <p className="staff-muted">Waiting for the box’s status…</p>;
  return (
    <div className="staff-grid">
      <UplinkCard status={status} now={now} onError={onError} />
      <FloorCard status={status} />
      {status.devices.map((device) => {
        const state = deviceCardState(device.state, device.problem);
        return (
          <section key={device.id} className="staff-card" data-testid={`device-${device.id}`}>
            <header className="staff-card__head">
              <h2>{device.name}</h2>
              <StateTag state={state} />
            </header>
            <p className="staff-muted staff-small">
              {device.kind}
              {device.equipmentId ? ` · reads ${device.equipmentId}` : ''}
              {device.rssi !== undefined ? ` · signal ${device.rssi} dBm` : ''}
            </p>
            {device.problem ? (
              <>
                <p className="staff-bad">{device.problem.detail}</p>
                <p>
                  <strong>What to do:</strong> {DEVICE_PROBLEM_ACTIONS[device.problem.code]}
                </p>
              </>
            ) : device.detail ? (
              <p className="staff-small">{device.detail}</p>
            ) : null}
          </section>
        );
      })}
      {status.devices.length === 0 ? (
        <section className="staff-card">
          <header className="staff-card__head">
            <h2>Devices</h2>
            <StateTag state="Configure" />
          </header>
          <p>No readers or machines are configured: add them under <code>devices</code> in the config file.</p>
        </section>
      ) : null}
      {status.pulls.map((pull) => (
        <section key={pull.name} className="staff-card">
          <header className="staff-card__head">
            <h2>Pull: {pull.name}</h2>
            <StateTag state={pull.lastError ? 'Error' : pull.lastSuccessAt ? 'Connected' : 'Connecting'} />
          </header>
          <p className="staff-small">
            Last success {dateAndClock(pull.lastSuccessAt)} · last try {dateAndClock(pull.lastAttemptAt)}
          </p>
          {pull.lastError ? <p className="staff-bad">{pull.lastError}</p> : null}
        </section>
      ))}
      {status.webhooks.destinations.map((destination) => (
        <WebhookCard key={destination.name} destination={destination} onError={onError} />
      ))}
      <AddWebhookCard onError={onError} />
      <ScheduleFeedCard onError={onError} />
      <JobsCard onError={onError} />
      <section className="staff-card" data-testid="storage-card">
        <header className="staff-card__head">
          <h2>Storage</h2>
          {status.storage.databaseBytes >= status.storage.maxDatabaseBytes * 0.95 ? <StateTag state="Error" label="Nearly full" /> : <StateTag state="Connected" label="OK" />}
        </header>
        <Meter value={status.storage.databaseBytes} max={status.storage.maxDatabaseBytes} label="Database" />
        <p className="staff-small">
          Database {(status.storage.databaseBytes / MB).toFixed(1)} MB of {(status.storage.maxDatabaseBytes / MB).toFixed(0)} MB · telemetry waiting{' '}
          {(status.storage.pendingTelemetryBytes / MB).toFixed(1)} MB of {(status.storage.telemetryQuotaBytes / MB).toFixed(0)} MB
        </p>
        <p className="staff-small">
          Shed (oldest telemetry dropped over the quota):{' '}
          {Object.keys(status.queue.shed).length ? Object.entries(status.queue.shed).map(([k, n]) => `${k} ${n}`).join(', ') : 'nothing'}
        </p>
      </section>
    </div>
  );
}

function Meter({ value, max, label }: { value: number; max: number; label: string }) {
  const share = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div className="staff-meter" role="meter" aria-label={label} aria-valuenow={Math.round(share * 100)} aria-valuemin={0} aria-valuemax={100}>
      <span style={{ width: `${share * 100}%` }} />
    </div>
  );
}

function UplinkCard({ status, now, onError }: { status: GatewayStatus; now: number; onError: (e: unknown) => void }) {
  const { uplink, queue } = status;
  const [message, setMessage] = useState<string | null>(null);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (what: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage(await what());
    } catch (error) {
      onError(error);
      setMessage(describeError(error));
    } finally {
      setBusy(false);
    }
  };
  const syncNow = () =>
    act(async () => {
      const answer = await staffFetch<{ pulls: Array<{ name: string; lastError: string | null }> }>('/api/staff/sync', { method: 'POST' });
      const failed = answer.pulls.filter((p) => p.lastError);
      return failed.length ? `Synced, with errors: ${failed.map((p) => `${p.name}: ${p.lastError}`).join('; ')}` : 'Synced just now.';
    });
  const replaceKey = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await staffFetch('/api/staff/cloud-key', { method: 'PUT', body: { apiKey: key } });
      setKey('');
      return 'Key replaced: sending resumes.';
    });
  };
  const standalone = uplink.state === 'standalone';
  return (
    <section className="staff-card staff-card--wide" data-testid="uplink-card">
      <header className="staff-card__head">
        <h2>Cloud uplink</h2>
        <StateTag state={uplinkCardState(uplink.state)} />
      </header>
      <p>{UPLINK_WORDS[uplink.state]}</p>
      {standalone ? (
        <p className="staff-small staff-muted">To connect a cloud, set cloud.url and the API key in the config, then restart.</p>
      ) : (
        <>
          <p className="staff-small">
            {uplink.cloudUrl} · tier {uplink.tier ?? '—'} · last successful sync {ago(uplink.lastSuccessAt, now)}
            {uplink.nextAttemptAt && new Date(uplink.nextAttemptAt).getTime() > now ? ` · paused until ${dateAndClock(uplink.nextAttemptAt)}` : ''}
          </p>
          {uplink.lastError ? <p className="staff-bad">{uplink.lastError}</p> : null}
          <table className="staff-table">
            <thead>
              <tr>
                <th>Waiting to send</th>
                <th>Count</th>
                <th>Oldest</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(queue.byType).map(([kind, q]) => (
                <tr key={kind}>
                  <td>{kind}</td>
                  <td>{q.depth}</td>
                  <td>{q.oldestAgeS === null ? '—' : `${Math.round(q.oldestAgeS)} s`}</td>
                </tr>
              ))}
              {Object.keys(queue.byType).length === 0 ? (
                <tr>
                  <td colSpan={3}>Nothing waiting.</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <div className="staff-row">
            <button type="button" onClick={syncNow} disabled={busy}>
              Sync now
            </button>
          </div>
          {uplink.state === 'auth_error' ? (
            <form className="staff-row" onSubmit={replaceKey}>
              <input aria-label="New API key" placeholder="New API key" value={key} onChange={(e) => setKey(e.target.value)} />
              <button type="submit" disabled={busy || key.trim().length < 8}>
                Replace key
              </button>
            </form>
          ) : null}
        </>
      )}
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
