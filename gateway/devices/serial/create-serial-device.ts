import type { AdapterContext } from '../adapter-context.js';
import type { DeviceAdapter } from '../types.js';
import type { SerialDeviceConfig } from './config.js';
import { SerialCsafeMonitor } from './csafe-monitor.js';
import { SerialDoorRelay } from './door-relay.js';
import { SerialRfidReader } from './rfid-reader.js';

/** One serial port entry → the adapter for what is on it. */
export function createSerialDevice(config: SerialDeviceConfig, context: AdapterContext): DeviceAdapter {
  switch (config.role) {
    case 'rfid':
      return new SerialRfidReader(config, context);
    case 'csafe':
      return new SerialCsafeMonitor(config, context);
    case 'relay':
      return new SerialDoorRelay(config, context);
  }
}
