import { z } from 'zod';

/** Config of one Bluetooth LE adapter (filled in by the BLE work; see README). */
export const bleDeviceSchema = z.object({
  kind: z.literal('ble'),
  id: z.string().min(1),
});
