import { Counter, Gauge, Registry } from 'prom-client';
import type { GatewayStatus, UplinkState } from '../../shared/status.js';
import { registerWebhookMetrics } from '../webhooks/metrics.js';

const STATES: UplinkState[] = ['standalone', 'online', 'offline', 'rate_limited', 'auth_error', 'circuit_open'];

/** The Prometheus registry behind `GET /metrics`, read from the same status staff see. */
export function prometheusRegistry(status: () => GatewayStatus): Registry {
  const registry = new Registry();
  let snapshot: GatewayStatus | null = null;
  // One status read per scrape, shared by every metric below.
  const current = () => (snapshot ??= status());
  const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => void) =>
    new Gauge({ name, help, labelNames, registers: [registry], collect() { collect(this); } });
  const counter = (name: string, help: string, pick: (s: GatewayStatus) => Record<string, number>) =>
    new Counter({
      name,
      help,
      labelNames: ['type'],
      registers: [registry],
      collect() {
        // The exact counts live in SQLite; expose them as they are.
        this.reset();
        for (const [type, value] of Object.entries(pick(current()))) this.inc({ type }, value);
      },
    });

  gauge('floorgate_uplink_state', 'Uplink state (1 = current)', ['state'], (g) => {
    g.reset();
    for (const state of STATES) g.set({ state }, current().uplink.state === state ? 1 : 0);
  });
  gauge('floorgate_uplink_last_success_timestamp_seconds', 'Last successful send to the cloud', [], (g) => {
    const at = current().uplink.lastSuccessAt;
    g.set(at ? Date.parse(at) / 1000 : 0);
  });
  gauge('floorgate_outbox_pending', 'Events waiting to be sent', ['type'], (g) => {
    g.reset();
    for (const [type, q] of Object.entries(current().queue.byType)) g.set({ type }, q.depth);
  });
  gauge('floorgate_outbox_oldest_age_seconds', 'Age of the oldest pending event', ['type'], (g) => {
    g.reset();
    for (const [type, q] of Object.entries(current().queue.byType)) g.set({ type }, q.oldestAgeS ?? 0);
  });
  gauge('floorgate_outbox_dead_letters', 'Events the cloud rejected, waiting for staff', [], (g) => g.set(current().queue.deadLetters));
  gauge('floorgate_database_bytes', 'Bytes used in the database file', [], (g) => g.set(current().storage.databaseBytes));
  gauge('floorgate_database_budget_bytes', 'Disk budget of the database', [], (g) => g.set(current().storage.maxDatabaseBytes));
  gauge('floorgate_staff_alerts', 'Open staff alerts', [], (g) => g.set(current().alerts.length));
  counter('floorgate_events_produced_total', 'Events captured', (s) => s.queue.produced);
  counter('floorgate_events_delivered_total', 'Events the cloud accepted (or already had)', (s) => s.queue.delivered);
  counter('floorgate_events_shed_total', 'Telemetry events shed over the quota', (s) => s.queue.shed);
  registerWebhookMetrics(registry, () => current().webhooks);
  gauge('floorgate_floor_boxes_reachable', 'Boxes of the floor this box hears (itself included)', [], (g) => g.set(current().floor.boxes.filter((b) => b.reachable).length));
  gauge('floorgate_floor_pending', 'Facts not yet told to the floor (lane floor)', [], (g) => g.set(current().floor.pending));
  gauge('floorgate_floor_malformed_messages', 'Floor messages dropped since start for failing their schema', [], (g) => g.set(current().floor.malformed));

  const metrics = registry.metrics.bind(registry);
  registry.metrics = async () => {
    snapshot = null;
    try {
      return await metrics();
    } finally {
      snapshot = null;
    }
  };
  return registry;
}
