import type { AdapterContext } from './adapter-context.js';
import { AntAdapter } from './ant/ant-adapter.js';
import { BleAdapter } from './ble/ble-adapter.js';
import type { DeviceConfig } from './config.js';
import { ReplayAdapter } from './replay/replay-adapter.js';
import { createSerialDevice } from './serial/create-serial-device.js';
import type { DeviceAdapter } from './types.js';

type Factories = {
  [K in DeviceConfig['kind']]: (config: Extract<DeviceConfig, { kind: K }>, context: AdapterContext) => DeviceAdapter;
};

/** One line per kind of device entry: which adapter serves it. */
const factories: Partial<Factories> = {
  ble: (config, { log, clock, dataDir }) => new BleAdapter({ config, log, clock, dataDir }),
  ant: (config, { log, clock }) => new AntAdapter({ config, log, clock }),
  replay: (config, { log, clock, dataDir }) => new ReplayAdapter({ config, log, clock, dataDir }),
  serial: createSerialDevice,
};

/** Builds the adapters for the `devices` entries of the config, in order. */
export function createAdapters(devices: readonly DeviceConfig[], context: AdapterContext): DeviceAdapter[] {
  return devices.map((device) => {
    const factory = factories[device.kind] as ((config: DeviceConfig, context: AdapterContext) => DeviceAdapter) | undefined;
    if (!factory) throw new Error(`devices: no adapter for kind "${device.kind}" (device ${device.id})`);
    return factory(device, { ...context, log: context.log.child({ device: device.id }) });
  });
}
