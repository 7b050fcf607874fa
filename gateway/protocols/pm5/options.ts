/** Per-model settings for the PM5 codecs. */
export interface Pm5Options {
  /**
   * Unit of the split/interval times (0x0033 Last Split Time, 0x0037 Split/Interval Time). The interface
   * definition says 0.1 s (the default); some firmware and emulators send 0.01 s.
   */
  splitTimeUnitS?: 0.1 | 0.01;
}

export function splitTimeUnit(options: Pm5Options): number {
  return options.splitTimeUnitS ?? 0.1;
}
