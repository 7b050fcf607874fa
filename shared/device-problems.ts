/** Device problem codes and what staff can do about each: plain values, so the staff console's bundle stays free of zod. */

/**
 * What is wrong with a device, as a code a staff console can act on. One code per thing staff would do
 * differently (see DEVICE_PROBLEM_ACTIONS); the words for humans go in `DeviceProblem.detail`.
 */
export const DEVICE_PROBLEM_CODES = [
  /** No usable Bluetooth radio: the driver failed to load or the radio cannot scan. */
  'bluetooth_unavailable',
  /** The radio is there but not powered on (rfkill, powered off, unauthorized). */
  'bluetooth_off',
  /** A Bluetooth machine could not be connected or set up; the adapter retries with backoff. */
  'connect_failed',
  /** The configured serial port does not exist: the device is unplugged or the path is wrong. */
  'port_missing',
  /** The serial port exists but failed to open, or closed under us; the adapter reopens it. */
  'port_failed',
  /** The device is connected but does not answer (e.g. a PM that stopped answering polls). */
  'not_responding',
  /** The device answers and reports a fault of its own (e.g. a PM in its error state). */
  'device_error',
  /** A capture to replay cannot be read, or holds nothing to play. */
  'capture_unreadable',
  /** No usable ANT+ USB stick: the library or its USB binding is missing, no stick is plugged in, or it cannot be opened. */
  'ant_unavailable',
  /** The adapter itself stopped on an unexpected error (the log has it). */
  'adapter_failed',
] as const;
export type DeviceProblemCode = (typeof DEVICE_PROBLEM_CODES)[number];

/** What staff can do about each problem: a console shows this beside the device. */
export const DEVICE_PROBLEM_ACTIONS: Record<DeviceProblemCode, string> = {
  bluetooth_unavailable: 'Check that the Bluetooth adapter is plugged in and supported, then restart the gateway.',
  bluetooth_off: 'Turn Bluetooth on (rfkill unblock bluetooth) or check the radio’s permissions.',
  connect_failed: 'Wake the machine (pedal or row a few strokes) and keep it in range; it reconnects by itself.',
  port_missing: 'Plug the device back in, or correct its path in the config.',
  port_failed: 'Check the cable and that no other program holds the port; it reopens by itself.',
  not_responding: 'Check the cable and that the machine’s monitor is switched on.',
  device_error: 'Look at the machine’s monitor: it reports an error; restart it if it persists.',
  capture_unreadable: 'Check the capture file named in the config.',
  ant_unavailable: 'Plug in the ANT+ USB stick (Garmin/Dynastream 0fcf:1008 or 0fcf:1009); on Linux install the udev rule from the README. It is found by itself.',
  adapter_failed: 'Restart the gateway; if it happens again, send the gateway log to support.',
};
