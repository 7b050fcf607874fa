import { Counter, Gauge, type Registry } from 'prom-client';
import { WEBHOOK_HEALTH as HEALTH, type WebhooksStatus } from '../../shared/webhooks.js';

/** Per-destination webhook figures on `/metrics`, read from the same status staff see. */
export function registerWebhookMetrics(registry: Registry, status: () => WebhooksStatus): void {
  const each = (collect: (d: WebhooksStatus['destinations'][number]) => void) => status().destinations.forEach(collect);
  const counter = (name: string, help: string, pick: (d: WebhooksStatus['destinations'][number]) => number) =>
    new Counter({
      name, help, labelNames: ['webhook'], registers: [registry],
      collect() {
        this.reset(); // exact counts live in SQLite
        each((d) => this.inc({ webhook: d.name }, pick(d)));
      },
    });
  const gauge = (name: string, help: string, labelNames: string[], collect: (g: Gauge) => void) =>
    new Gauge({ name, help, labelNames, registers: [registry], collect() { this.reset(); collect(this); } });

  counter('floorgate_webhook_delivered_total', 'Webhook events the destination accepted (2xx)', (d) => d.delivered);
  counter('floorgate_webhook_dead_total', 'Webhook events in the destination\'s dead letters', (d) => d.dead);
  counter('floorgate_webhook_shed_total', 'Webhook deliveries shed (quota, removed destination)', (d) => d.shed);
  gauge('floorgate_webhook_pending', 'Webhook events waiting for the destination', ['webhook'], (g) => each((d) => g.set({ webhook: d.name }, d.pending)));
  gauge('floorgate_webhook_failures_in_row', 'Failed attempts since the last delivery', ['webhook'], (g) =>
    each((d) => g.set({ webhook: d.name }, d.failuresInRow)),
  );
  gauge('floorgate_webhook_health', 'Destination health (1 = current)', ['webhook', 'health'], (g) =>
    each((d) => HEALTH.forEach((health) => g.set({ webhook: d.name, health }, d.health === health ? 1 : 0))),
  );
  gauge('floorgate_webhook_last_success_timestamp_seconds', 'Last delivery to the destination', ['webhook'], (g) =>
    each((d) => g.set({ webhook: d.name }, d.lastSuccessAt ? Date.parse(d.lastSuccessAt) / 1000 : 0)),
  );
  gauge('floorgate_webhook_last_latency_seconds', 'Latency of the last attempt', ['webhook'], (g) =>
    each((d) => g.set({ webhook: d.name }, (d.recent[0]?.latencyMs ?? 0) / 1000)),
  );
}
