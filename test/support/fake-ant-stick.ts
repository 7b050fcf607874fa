import { EventEmitter } from 'node:events';
import type { AntChannelLike, AntStickLike } from '../../gateway/devices/ant/stick-types.js';

/**
 * A stand-in for incyclist-ant-plus's `AntDevice` and `Channel` at the adapter's boundary (no USB stick can run
 * here): the same methods, and the channel emits `message` with whole ANT messages as the library does.
 */
export class FakeAntChannel extends EventEmitter implements AntChannelLike {
  scanning = false;

  async startScanner(): Promise<boolean> {
    this.scanning = true;
    return true;
  }

  async stopScanner(): Promise<boolean> {
    this.scanning = false;
    return true;
  }

  /** The stick hands over one ANT message (A4 len id … checksum). */
  receive(message: Uint8Array): void {
    this.emit('message', Buffer.from(message));
  }
}

export class FakeAntStick implements AntStickLike {
  readonly channel = new FakeAntChannel();
  opens = 0;
  closed = false;

  /** What `open()` answers, as the library does with `detailedStartReport`: 'Success', 'NoStick', … */
  constructor(public openResult: boolean | string | undefined = 'Success') {}

  async open(): Promise<boolean | string | undefined> {
    this.opens += 1;
    return this.openResult;
  }

  async close(): Promise<boolean> {
    this.closed = true;
    return true;
  }

  getChannel(): FakeAntChannel {
    return this.channel;
  }
}

/**
 * An 8-byte data page as a stick in continuous scan mode delivers it: broadcast data (0x4E) with the extended
 * data incyclist-ant-plus asks for (lib config 0xE0, ANT Message Protocol and Usage rev 5.1 §7.1.1): channel id
 * (device number, device type, transmission type), RSSI (measurement type 0x20, dBm, threshold), rx timestamp.
 */
export function scanMessage(page: Uint8Array, deviceType: number, deviceNumber: number, rssiDbm = -60, timestamp = 0): Buffer {
  const data = [0x00, ...page, 0xe0, deviceNumber & 0xff, deviceNumber >> 8, deviceType, 0x01, 0x20, rssiDbm & 0xff, 0x80, timestamp & 0xff, timestamp >> 8];
  const body = [0xa4, data.length, 0x4e, ...data];
  return Buffer.from([...body, body.reduce((x, b) => x ^ b, 0)]);
}
