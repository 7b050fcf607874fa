/** `GET /api/screen-config`: what a screen needs to know before it joins rooms. */
import { z } from 'zod';

export const screenConfigSchema = z.object({
  locationId: z.string(),
  locationName: z.string(),
  entranceResetS: z.number().describe('Seconds the entrance screen shows a result before it resets'),
  doorConfigured: z.boolean().describe("A door relay is configured: the entrance's welcome says the door is open"),
});
export type ScreenConfig = z.infer<typeof screenConfigSchema>;
