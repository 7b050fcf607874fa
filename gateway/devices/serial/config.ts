import { z } from 'zod';

/** Config of one serial device: RFID reader, CSAFE monitor, door relay (filled in by the serial work). */
export const serialDeviceSchema = z.object({
  kind: z.literal('serial'),
  id: z.string().min(1),
  path: z.string().min(1),
});
