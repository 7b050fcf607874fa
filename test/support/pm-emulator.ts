import type { SerialPort } from 'serialport';
import { CSAFE, CSAFE_PM, WRAPPERS } from '../../gateway/protocols/csafe/commands.js';
import { CsafeFrameSplitter, decodeFrame, encodeFrame } from '../../gateway/protocols/csafe/frame.js';

/** What the emulated PM shows. */
export interface PmFigures {
  /** CSAFE state (table 9): 1 ready, 5 in use, 6 paused… */
  state: number;
  workTimeS: number;
  distanceM: number;
  paceSecPerKm: number;
  strokeRate: number;
  watts: number;
  calories: number;
  heartRate: number;
}

const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

/**
 * A Concept2 PM on the far end of a pty, as the C2 CSAFE definition describes it: answers each request frame
 * with one response frame — status byte (frame toggle flipping per answer), then a response block per command
 * it knows, PM-specific ones inside the 0x1A wrapper.
 */
export class PmEmulator {
  readonly requests: Buffer[] = [];
  figures: PmFigures = { state: 5, workTimeS: 0, distanceM: 0, paceSecPerKm: 0, strokeRate: 0, watts: 0, calories: 0, heartRate: 0 };
  /** When set, the PM stays silent (a PM that stopped answering). */
  mute = false;
  private toggle = 0;
  private readonly splitter = new CsafeFrameSplitter();

  constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      for (const frame of this.splitter.push(chunk).frames) this.answer(frame);
    });
  }

  private answer(raw: Buffer): void {
    this.requests.push(raw);
    if (this.mute) return;
    const frame = decodeFrame(raw);
    if (!frame.ok) return; // a PM ignores a bad frame (and flags it in the next status)
    const f = this.figures;
    const out: number[] = [];
    const c = frame.value.contents;
    for (let i = 0; i < c.length; ) {
      const id = c[i]!;
      if (WRAPPERS.has(id)) {
        const n = c[i + 1] ?? 0;
        const inner: number[] = [];
        for (const sub of c.subarray(i + 2, i + 2 + n)) {
          if (sub === CSAFE_PM.GET_WORKTIME) inner.push(sub, 5, ...u32(Math.round(f.workTimeS * 100)), 0);
          if (sub === CSAFE_PM.GET_WORKDISTANCE) inner.push(sub, 5, ...u32(Math.round(f.distanceM * 10)), 0);
        }
        out.push(id, inner.length, ...inner);
        i += 2 + n;
        continue;
      }
      switch (id) {
        case CSAFE.GETTWORK:
          out.push(id, 3, Math.floor(f.workTimeS / 3600), Math.floor(f.workTimeS / 60) % 60, Math.floor(f.workTimeS) % 60);
          break;
        case CSAFE.GETHORIZONTAL:
          out.push(id, 3, ...u16(Math.round(f.distanceM)), 0x24);
          break;
        case CSAFE.GETPACE:
          out.push(id, 3, ...u16(f.paceSecPerKm), 0x39);
          break;
        case CSAFE.GETCADENCE:
          out.push(id, 3, ...u16(f.strokeRate), 0x54);
          break;
        case CSAFE.GETPOWER:
          out.push(id, 3, ...u16(f.watts), 0x58);
          break;
        case CSAFE.GETCALORIES:
          out.push(id, 2, ...u16(f.calories));
          break;
        case CSAFE.GETHRCUR:
          out.push(id, 1, f.heartRate);
          break;
        default:
          break; // status and commands this PM does not know: the status byte answers
      }
      i += id >= 0x80 ? 1 : 2 + (c[i + 1] ?? 0);
    }
    this.toggle ^= 1;
    const status = (this.toggle << 7) | (f.state & 0x0f);
    this.port.write(encodeFrame(Uint8Array.from([status, ...out]), frame.value.address && { destination: 0x00, source: frame.value.address.destination }));
  }
}
