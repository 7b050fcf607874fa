/**
 * Collects keyboard-wedge input (a badge reader that "types" the badge number and Enter) without
 * a focused field. Readers type fast, so characters more than `idleMs` apart do not belong to the
 * same badge: the buffer starts over. Pure (time is passed in) so it is easy to test.
 */
export class WedgeBuffer {
  private chars = '';
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly idleMs = 1000,
    private readonly maxLength = 128,
  ) {}

  /** Feeds one key (a `KeyboardEvent.key`) pressed at `at` ms; returns the badge when it completes one. */
  key(key: string, at: number): string | null {
    if (at - this.lastAt > this.idleMs) this.chars = '';
    if (key === 'Enter') {
      const badge = this.chars.trim();
      this.chars = '';
      this.lastAt = Number.NEGATIVE_INFINITY;
      return badge === '' ? null : badge;
    }
    if (isPrintable(key)) {
      this.chars = (this.chars + key).slice(-this.maxLength);
      this.lastAt = at;
    }
    return null;
  }

  clear(): void {
    this.chars = '';
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}

/** One printable character ("Shift", "F5", "ArrowUp" and friends are longer). */
export function isPrintable(key: string): boolean {
  return [...key].length === 1 && key >= ' ';
}
