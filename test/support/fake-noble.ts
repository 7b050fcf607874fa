import { EventEmitter } from 'node:events';
import type { CharacteristicLike, NobleLike, PeripheralLike } from '../../gateway/devices/ble/noble-types.js';

/**
 * A stand-in for @abandonware/noble at the adapter's boundary (no radio can run here): the same events and
 * async methods, driven by the test with recorded notification bytes.
 */
export class FakeCharacteristic extends EventEmitter implements CharacteristicLike {
  subscribed = false;

  constructor(readonly uuid: string) {
    super();
  }

  async subscribeAsync(): Promise<void> {
    this.subscribed = true;
  }

  /** The device sends a notification. */
  notify(hex: string): void {
    this.emit('data', Buffer.from(hex.replace(/[^0-9a-f]/gi, ''), 'hex'), true);
  }
}

export class FakePeripheral extends EventEmitter implements PeripheralLike {
  state = 'disconnected';
  connectCalls = 0;
  /** Connection attempts that fail before one succeeds. */
  failConnects = 0;

  constructor(
    readonly address: string,
    readonly advertisement: { localName?: string; serviceUuids?: string[]; manufacturerData?: Buffer },
    readonly characteristics: FakeCharacteristic[],
    public rssi = -60,
  ) {
    super();
  }

  get id(): string {
    return this.address.replace(/:/g, '');
  }

  async connectAsync(): Promise<void> {
    this.connectCalls += 1;
    if (this.failConnects > 0) {
      this.failConnects -= 1;
      throw new Error('connection refused');
    }
    this.state = 'connected';
  }

  async disconnectAsync(): Promise<void> {
    if (this.state !== 'connected') return;
    this.state = 'disconnected';
    this.emit('disconnect');
  }

  async updateRssiAsync(): Promise<number> {
    return this.rssi;
  }

  async discoverSomeServicesAndCharacteristicsAsync(): Promise<{ characteristics: CharacteristicLike[] }> {
    return { characteristics: this.characteristics };
  }

  /** The radio link is lost (machine switched off, rider walked away with the strap). */
  drop(): void {
    this.state = 'disconnected';
    this.emit('disconnect');
  }
}

export class FakeNoble extends EventEmitter implements NobleLike {
  scanning = false;

  constructor(public state = 'poweredOn') {
    super();
  }

  async startScanningAsync(): Promise<void> {
    this.scanning = true;
  }

  async stopScanningAsync(): Promise<void> {
    this.scanning = false;
  }

  setState(state: string): void {
    this.state = state;
    this.emit('stateChange', state);
  }

  /**
   * An advertisement carrying manufacturer-specific data arrives (hex: company id little-endian, then its bytes),
   * as noble reports it: the same peripheral object with `advertisement.manufacturerData` replaced.
   */
  broadcast(peripheral: FakePeripheral, manufacturerHex: string, rssi = peripheral.rssi): void {
    peripheral.advertisement.manufacturerData = Buffer.from(manufacturerHex.replace(/[^0-9a-f]/gi, ''), 'hex');
    this.advertise(peripheral, rssi);
  }

  /** An advertisement arrives. */
  advertise(peripheral: FakePeripheral, rssi = peripheral.rssi): void {
    peripheral.rssi = rssi;
    this.emit('discover', peripheral);
  }
}
