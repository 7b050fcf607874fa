import { z } from 'zod';

/**
 * The `kiosk` config section: which screen the Electron kiosk shows on which display, and how it
 * heals itself. The gateway serves it at `GET /api/kiosk-config`, so a kiosk that attaches to a
 * gateway (e.g. one run by systemd) shows what that gateway's config says.
 */
export const kioskDisplaySchema = z.strictObject({
  /** A screen under /screen/, e.g. entrance, occupancy, playlist. */
  screen: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a screen name such as entrance, occupancy or playlist'),
  /** Query parameters of the screen URL, e.g. { "name": "floor" } → /screen/playlist?name=floor. */
  params: z
    .record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'parameter names are letters, digits, _ . -'),
      z.union([z.string(), z.number(), z.boolean()], { error: 'must be a string, number or boolean' }),
    )
    .default({}),
  /** 0 = the primary display, then the others from left to right (top to bottom on a tie). */
  display: z.number({ error: 'must be a display number: 0 = primary' }).int().min(0).max(15).default(0),
});
export type KioskDisplay = z.output<typeof kioskDisplaySchema>;

export const kioskConfigSchema = z
  .strictObject({
    displays: z
      .array(kioskDisplaySchema)
      .min(1, 'must list at least one display')
      .default([{ screen: 'entrance', params: {}, display: 0 }]),
    /** A window that has shown no live data for this long is reloaded; 0 = never. */
    staleReloadMinutes: z.number().min(0).default(5),
  })
  .superRefine((kiosk, ctx) => {
    const seen = new Map<number, number>();
    kiosk.displays.forEach((entry, index) => {
      const first = seen.get(entry.display);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['displays', index, 'display'],
          message: `display ${entry.display} already shows displays.${first} (${kiosk.displays[first]!.screen}): one screen per display`,
        });
      } else {
        seen.set(entry.display, index);
      }
    });
  })
  .prefault({});
export type KioskConfig = z.output<typeof kioskConfigSchema>;
