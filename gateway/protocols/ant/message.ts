import { err, ok, type Result } from '../result.js';
import { decodeAntPower } from './bicycle-power.js';
import { decodeAntFitnessEquipment } from './fitness-equipment.js';
import { decodeAntHeartRate } from './heart-rate.js';
import { u16 } from './page.js';

/**
 * One ANT serial message as a USB stick sends it (ANT Message Protocol and Usage rev 5.1 §7.1):
 * `A4 <length> <message id> <length data bytes> <checksum>`, the checksum being the XOR of every byte before it.
 * Broadcast (0x4E), acknowledged (0x4F) and burst (0x50) data carry a channel number and the 8-byte data page,
 * optionally followed by flagged extended data (§7.1.1: flag 0x80 channel id, 0x40 RSSI, 0x20 timestamp).
 * Pure, like the page codecs: the ANT+ adapter reads the stick and hands the bytes here.
 */
export const ANT_SYNC = 0xa4;

const DATA_MESSAGES: Record<number, string> = { 0x4e: 'broadcast', 0x4f: 'acknowledged', 0x50: 'burst' };

/** ANT+ device types (channel id) whose pages Floorgate decodes, and the codec for each. */
const PAGE_CODECS: Record<number, (page: Uint8Array) => Result<unknown>> = {
  120: decodeAntHeartRate,
  17: decodeAntFitnessEquipment,
  11: decodeAntPower,
};

export interface AntDataMessage {
  messageId: number;
  kind: 'broadcast' | 'acknowledged' | 'burst';
  channel: number;
  /** The 8-byte data page, hex. */
  page: string;
  /** From flagged extended data (flag 0x80), when the stick was asked to add it. */
  deviceNumber?: number;
  deviceType?: number;
  transmissionType?: number;
  rssiDbm?: number;
  /** The page decoded by the codec for `deviceType` (HR 120, FE 17, power 11); otherwise left to the caller. */
  decoded?: unknown;
  decodeError?: string;
}

/** Frames the message and returns its data bytes; checksum and length are checked. */
export function unframeAntMessage(bytes: Uint8Array): Result<{ messageId: number; data: Uint8Array }> {
  if (bytes.length < 4) return err(`an ANT message needs at least 4 bytes (sync, length, id, checksum), got ${bytes.length}`);
  if (bytes[0] !== ANT_SYNC) return err(`no sync byte: message begins with 0x${bytes[0]!.toString(16).padStart(2, '0')} (expected 0xa4)`);
  const length = bytes[1]!;
  if (bytes.length !== length + 4) return err(`length byte says ${length} data bytes, so ${length + 4} bytes in all; got ${bytes.length}`);
  let x = 0;
  for (let i = 0; i < bytes.length - 1; i++) x ^= bytes[i]!;
  const sent = bytes[bytes.length - 1]!;
  if (x !== sent) return err(`checksum mismatch: message says 0x${sent.toString(16).padStart(2, '0')}, expected 0x${x.toString(16).padStart(2, '0')}`);
  return ok({ messageId: bytes[2]!, data: bytes.subarray(3, 3 + length) });
}

/** The `ant-message` codec: a data message → channel, page and (with extended data) the page decoded. */
export function decodeAntMessage(bytes: Uint8Array): Result<AntDataMessage> {
  const framed = unframeAntMessage(bytes);
  if (!framed.ok) return framed;
  const { messageId, data } = framed.value;
  const kind = DATA_MESSAGES[messageId];
  if (!kind) return err(`message id 0x${messageId.toString(16).padStart(2, '0')} is not a data message (0x4e, 0x4f, 0x50)`);
  if (data.length < 9) return err(`a data message carries a channel and 8 page bytes, got ${data.length} bytes`);
  const page = data.subarray(1, 9);
  const out: AntDataMessage = { messageId, kind: kind as AntDataMessage['kind'], channel: data[0]!, page: Buffer.from(page).toString('hex') };
  if (data.length > 9) {
    const flag = data[9]!;
    let at = 10;
    const need = (flag & 0x80 ? 4 : 0) + (flag & 0x40 ? 3 : 0) + (flag & 0x20 ? 2 : 0);
    if (data.length !== at + need) return err(`extended data flag 0x${flag.toString(16)} needs ${need} bytes, ${data.length - at} follow`);
    if (flag & 0x80) {
      out.deviceNumber = u16(data, at);
      out.deviceType = data[at + 2]! & 0x7f; // bit 7 is the pairing bit
      out.transmissionType = data[at + 3]!;
      at += 4;
    }
    if (flag & 0x40) out.rssiDbm = (data[at + 1]! << 24) >> 24; // measurement type, RSSI (signed), threshold
  }
  const codec = out.deviceType === undefined ? undefined : PAGE_CODECS[out.deviceType];
  if (codec) {
    const decoded = codec(page);
    if (decoded.ok) out.decoded = decoded.value;
    else out.decodeError = decoded.error;
  }
  return ok(out);
}
