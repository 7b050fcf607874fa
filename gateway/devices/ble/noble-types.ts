/**
 * The part of @abandonware/noble the adapter uses, as structural types: the real module satisfies them, and so
 * does the fake in the tests (an EventEmitter with recorded bytes).
 */
import type { EventEmitter } from 'node:events';

export interface CharacteristicLike extends EventEmitter {
  uuid: string;
  subscribeAsync(): Promise<void>;
}

export interface PeripheralLike extends EventEmitter {
  id: string;
  address: string;
  rssi: number;
  state: string;
  /** `manufacturerData`: company id (little-endian) then the company's bytes, e.g. Polar's heart-rate broadcast. */
  advertisement: { localName?: string; serviceUuids?: string[]; manufacturerData?: Buffer };
  connectAsync(): Promise<void>;
  disconnectAsync(): Promise<void>;
  /** Reads the signal strength of a connected device (connected devices stop advertising, so RSSI goes stale). */
  updateRssiAsync?(): Promise<number>;
  discoverSomeServicesAndCharacteristicsAsync(
    serviceUuids: string[],
    characteristicUuids: string[],
  ): Promise<{ characteristics: CharacteristicLike[] }>;
}

export interface NobleLike extends EventEmitter {
  /** 'poweredOn' when the radio is usable; 'unsupported', 'unauthorized', 'poweredOff', 'unknown' otherwise. */
  state: string;
  startScanningAsync(serviceUuids?: string[], allowDuplicates?: boolean): Promise<void>;
  stopScanningAsync(): Promise<void>;
}
