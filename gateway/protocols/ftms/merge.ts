/**
 * FTMS data records longer than one notification are split: every part but the last has flag bit 0
 * ("More Data") set, and only the last part carries the instantaneous field(s) gated by that bit. This pure
 * merger joins the parts of one record. A part that repeats a field already pending means the machine started
 * a new record without finishing the last one (some machines set More Data on every notification): the
 * pending parts are then emitted as they are, so nothing is held back for long.
 */
export interface FtmsPart {
  moreData: boolean;
}

export interface MergeStep<T extends FtmsPart> {
  /** Parts received so far of a record not yet complete; feed back in with the next part. */
  pending: T | null;
  /** Records completed by this part, oldest first (0, 1 or 2). */
  complete: T[];
}

export function mergeFtmsPart<T extends FtmsPart>(pending: T | null, part: T): MergeStep<T> {
  const complete: T[] = [];
  let base = pending;
  if (base && repeatsAField(base, part)) {
    complete.push({ ...base, moreData: false });
    base = null;
  }
  const merged = { ...(base ?? {}), ...part } as T;
  if (part.moreData) return { pending: merged, complete };
  complete.push({ ...merged, moreData: false });
  return { pending: null, complete };
}

function repeatsAField(pending: object, part: object): boolean {
  for (const key of Object.keys(part)) {
    if (key !== 'moreData' && key !== 'direction' && Object.hasOwn(pending, key)) return true;
  }
  return false;
}
