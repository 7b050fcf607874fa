import { antCodecs } from './ant/codecs.js';
import { decodeBadgePayloadBytes } from './badge-payload.js';
import { bleCodecs } from './ble-codecs.js';
import type { CodecEntry } from './codec.js';
import { decodeCsafeRequest } from './csafe/request.js';
import { decodeCsafeResponse } from './csafe/response.js';
import { decodePolarHrAdvertisement, decodePolarManufacturerData } from './polar-hr-adv.js';
import { decodeRdm6300Frame } from './rdm6300.js';

export type { CodecEntry } from './codec.js';

/**
 * Every codec by the name `floorgate decode <codec> <hex…>` and the adapters use. A decoder takes the bytes of
 * one notification or frame and returns a reading or the reason it could not; it never throws. Registry entries
 * use each codec's default model settings; adapters that know the model call the codec with its options.
 */
export const codecs: Record<string, CodecEntry> = {
  ...bleCodecs,
  'polar-hr-adv': {
    description: 'Polar heart-rate advertisement: manufacturer data after the company id 6B 00 (no connection)',
    decode: decodePolarHrAdvertisement,
  },
  'polar-manufacturer-data': {
    description: 'Polar heart-rate advertisement: whole manufacturer data, company id 6B 00 first',
    decode: decodePolarManufacturerData,
  },
  ...antCodecs,
  csafe: { description: 'CSAFE response frame from a Concept2 PM (standard F1…F2 or extended F0…F2)', decode: decodeCsafeResponse },
  'csafe-request': { description: 'CSAFE request frame sent to a monitor, commands and PM wrappers (1A, 76, 77, 7E, 7F) named', decode: decodeCsafeRequest },
  rdm6300: { description: '125 kHz RFID reader frame, RDM6300 kind (02 + 10 hex + 2 hex checksum + 03)', decode: decodeRdm6300Frame },
  qr: { description: 'keyboard-wedge / QR scan as UTF-8 text → badge id', decode: decodeBadgePayloadBytes },
};

export function findCodec(name: string): CodecEntry | undefined {
  return Object.hasOwn(codecs, name) ? codecs[name] : undefined;
}

export function codecNames(): string[] {
  return Object.keys(codecs);
}
