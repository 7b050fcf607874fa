import { err, ok, type Result } from './result.js';

/**
 * Heart rate broadcast in a Polar strap's or watch's advertisement, without a connection: the manufacturer
 * specific data of company 0x006B (Polar). Layout as Polar's own SDK reads it (polarofficial/polar-ble-sdk,
 * Android `BlePolarHrAdvertisement.kt` and `BleAdvertisementContent.kt`, iOS `BlePolarHrAdvertisement.swift`):
 *
 * - The bytes after the company id hold blocks. A block whose first byte has bit 6 set is a "GPB" data block
 *   (first byte, length byte, that many bytes) and is skipped; the first block with bit 6 clear is the
 *   heart-rate block and runs to the end of the data.
 * - Heart-rate block: status byte, kHz code, then either one heart rate (3-byte block, old H6/H7) or fast and
 *   slow averages (4-byte block). The SDK shows the slow average (byte 3), or byte 2 of a 3-byte block.
 * - Status byte: bit 0 battery status, bit 1 sensor contact, bits 2–4 frame counter (0–7, steps when the
 *   heart rate is new), bit 5 broadcast, bit 6 data type (0 here), bit 7 status flags.
 *
 * No sensor contact → no heart rate (null), never the last one the strap still carries.
 */
export const POLAR_COMPANY_ID = 0x006b;

export interface PolarHrAdvertisement {
  /** What Polar's SDK displays (slow average); null without sensor contact. */
  heartRateBpm: number | null;
  /** Fast average, 4-byte blocks only; null without sensor contact. */
  fastAverageBpm?: number | null;
  sensorContact: boolean;
  /** 0–7; a new value means a new heart rate. */
  frameCounter: number;
  /** Bit 0 as the SDK exposes it (the SDK documents no meaning beyond "battery status"). */
  batteryStatusBit: 0 | 1;
  khzCode: number;
  /** GPB blocks skipped before the heart-rate block. */
  skippedBlocks: number;
}

const GPB_BIT = 0x40;

/** The `polar-hr-adv` codec: the manufacturer data after the company id 6B 00. */
export function decodePolarHrAdvertisement(bytes: Uint8Array): Result<PolarHrAdvertisement> {
  let offset = 0;
  let skipped = 0;
  while (offset < bytes.length && bytes[offset]! & GPB_BIT) {
    const length = bytes[offset + 1];
    if (length === undefined) return err(`data block at offset ${offset} has no length byte`);
    if (offset + 2 + length > bytes.length) return err(`data block at offset ${offset} says ${length} bytes, ${bytes.length - offset - 2} left`);
    offset += 2 + length;
    skipped++;
  }
  const block = bytes.subarray(offset);
  if (block.length === 0) return err(skipped ? `no heart-rate block after ${skipped} data block(s)` : 'no bytes');
  if (block.length !== 3 && block.length !== 4) {
    return err(`heart-rate block at offset ${offset} is ${block.length} bytes (expected 3 or 4)`);
  }
  const status = block[0]!;
  const contact = (status & 0x02) !== 0;
  const out: PolarHrAdvertisement = {
    heartRateBpm: contact ? block[block.length - 1]! : null,
    sensorContact: contact,
    frameCounter: (status >> 2) & 0x07,
    batteryStatusBit: status & 0x01 ? 1 : 0,
    khzCode: block[1]!,
    skippedBlocks: skipped,
  };
  if (block.length === 4) out.fastAverageBpm = contact ? block[2]! : null;
  return ok(out);
}

/**
 * The whole manufacturer-specific data field as scanners hand it over (noble's `manufacturerData`, Android's
 * raw AD): company id 6B 00 (little-endian) first. Other companies are refused, not guessed at.
 */
export function decodePolarManufacturerData(bytes: Uint8Array): Result<PolarHrAdvertisement> {
  if (bytes.length < 2) return err(`manufacturer data needs a 2-byte company id, got ${bytes.length} bytes`);
  const company = bytes[0]! | (bytes[1]! << 8);
  if (company !== POLAR_COMPANY_ID) return err(`company id 0x${company.toString(16).padStart(4, '0')} is not Polar (0x006b)`);
  return decodePolarHrAdvertisement(bytes.subarray(2));
}
