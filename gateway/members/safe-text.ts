/**
 * Characters that make text lie about itself: bidi controls (an RTL override turns "Anna S." into
 * something else on screen), and C0 controls and NUL (cut strings in C code, logs and CSVs).
 * Names and badge ids lose them at the edge: roster files, the cloud's roster pull, reader input.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001F\u007F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripUnsafeText(text: string): string {
  return text.replace(UNSAFE, '');
}
