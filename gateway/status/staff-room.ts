import type { GatewayStatus } from '../../shared/status.js';
import type { LiveHub } from '../live/hub.js';
import type { AlertStore } from '../staff/alerts.js';
import type { Uplink } from '../uplink/uplink.js';

const EVERY_MS = 5_000;

/**
 * Staff see the box's state live: on every uplink change and alert, and every few seconds otherwise. Building the
 * status costs a read of the queue, so it is built only while someone is in the staff room. Returns the stopper.
 */
export function publishStatusToStaff(deps: {
  hub: LiveHub;
  room: string;
  status: () => GatewayStatus;
  uplink: Uplink | null;
  alerts: AlertStore;
  /** Webhook destinations changed by staff: the console shows the change at once. */
  webhooks?: { onChanged(listener: () => void): () => void };
}): () => void {
  const { hub, room } = deps;
  const publish = () => {
    if (hub.hasListeners(room)) hub.publish(room, 'staff', deps.status());
  };
  deps.uplink?.on('state', publish);
  deps.alerts.on('changed', publish);
  const stopWebhooks = deps.webhooks?.onChanged(publish);
  const ticker = setInterval(publish, EVERY_MS);
  ticker.unref();
  return () => {
    clearInterval(ticker);
    deps.uplink?.off('state', publish);
    deps.alerts.off('changed', publish);
    stopWebhooks?.();
  };
}
