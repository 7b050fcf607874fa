import type { GatewayStatus } from '../../shared/status.js';

export interface MetricsEndpoint {
  /** `GET /metrics`: the Prometheus text and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/**
 * `GET /metrics` in Prometheus text format. prom-client (and the registry, ./prometheus.ts) load on the first
 * scrape: a box nobody scrapes never pays for it, and start-up does not wait for it.
 */
export function createMetrics(status: () => GatewayStatus): MetricsEndpoint {
  let registry: Promise<import('prom-client').Registry> | undefined;
  return {
    async scrape() {
      const loaded = await (registry ??= import('./prometheus.js').then(({ prometheusRegistry }) => prometheusRegistry(status)));
      return { contentType: loaded.contentType, body: await loaded.metrics() };
    },
  };
}
