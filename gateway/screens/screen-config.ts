import type { ScreenConfig } from '../../shared/screen-config.js';
import type { FloorgateConfig } from '../config/schema.js';

/** What `/api/screen-config` tells every screen, from the gateway's config. */
export function screenConfigFrom(config: FloorgateConfig): ScreenConfig {
  return {
    locationId: config.location.id,
    locationName: config.location.name,
    entranceResetS: config.checkin.entranceResetS,
    doorConfigured: config.devices.some((device) => device.kind === 'serial' && device.role === 'relay'),
  };
}
