/** `GET /api/screen-config`: what a screen needs to know before it joins rooms. */
export interface ScreenConfig {
  locationId: string;
  locationName: string;
  /** Seconds the entrance screen shows a result before it resets. */
  entranceResetS: number;
  /** A door relay is configured: the entrance's welcome says the door is open. */
  doorConfigured: boolean;
}
