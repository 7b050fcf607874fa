import { err, ok, type Result } from './result.js';

/**
 * What a keyboard-wedge reader or a QR scanner "types": one line per scan. Accepted forms:
 *
 *   1002                                  a plain badge id (card number, hex tag, member number)
 *   floorgate:badge:1002                  a Floorgate QR code
 *   https://gym.example/checkin?badge=1002  a URL that carries the badge as a query parameter
 *
 * Anything else (other URLs, other `floorgate:` payloads, control characters, text that cannot be an id) is
 * refused with the reason, so a scanner pointed at a poster never checks anyone in.
 */
export interface BadgePayload {
  badge: string;
  method: 'badge' | 'qr';
}

const MAX_LINE = 512;
const ID = /^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,63}$/;

function validId(id: string, where: string): Result<string> {
  const trimmed = id.trim();
  if (trimmed.length === 0) return err(`${where}: the badge id is empty`);
  if (!ID.test(trimmed)) {
    return err(`${where}: ${JSON.stringify(trimmed.slice(0, 40))} is not a badge id (letters, digits, space . _ : - only, at most 64)`);
  }
  return ok(trimmed);
}

export function parseBadgePayload(line: string): Result<BadgePayload> {
  if (line.length > MAX_LINE) return err(`scan is ${line.length} characters long: not a badge (at most ${MAX_LINE})`);
  const text = line.replace(/[\r\n]+$/, '').trim();
  if (text.length === 0) return err('empty scan');
  if (/[\u0000-\u001f\u007f]/.test(text)) return err('scan holds control characters: not a badge');

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'floorgate') {
    const match = /^floorgate:badge:(.*)$/i.exec(text);
    if (!match) return err(`${JSON.stringify(text.slice(0, 40))}: a floorgate: code that is not floorgate:badge:<id>`);
    const id = validId(safeDecode(match[1]!), 'QR code');
    return id.ok ? ok({ badge: id.value, method: 'qr' }) : id;
  }
  if (scheme === 'http' || scheme === 'https') {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return err(`${JSON.stringify(text.slice(0, 40))}: not a valid URL`);
    }
    const badge = url.searchParams.get('badge');
    if (badge === null) return err(`URL ${url.host}${url.pathname} has no ?badge= parameter`);
    const id = validId(badge, 'QR URL');
    return id.ok ? ok({ badge: id.value, method: 'qr' }) : id;
  }
  // Plain ids may contain ':' ("00:04:1a:2b" is a card number); any other scheme ("WIFI:", "mailto:") is a code
  // meant for something else.
  if (scheme && !/^[0-9a-f]{2}(:[0-9a-f]{2})+$/i.test(text)) {
    return err(`a ${scheme}: code, not a badge`);
  }
  const id = validId(text, 'scan');
  return id.ok ? ok({ badge: id.value, method: 'badge' }) : id;
}

/** decodeURIComponent throws on a stray '%'; a scan must never throw. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The `qr` codec: the scanned bytes as UTF-8 text. */
export function decodeBadgePayloadBytes(bytes: Uint8Array): Result<BadgePayload> {
  return parseBadgePayload(Buffer.from(bytes).toString('utf8'));
}
