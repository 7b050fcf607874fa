import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../shared/status.js';
import { DEVICE_DOWN_ALERT, DeviceDownAlert } from '../../gateway/devices/device-alert.js';
import { CloudClient } from '../../gateway/uplink/cloud-client.js';
import { CLOCK_SKEW_ALERT, ClockSkewAlert } from '../../gateway/time/clock-skew.js';

/** The alert store's two calls, recorded: what staff would see open now. */
function alertBook() {
  const open = new Map<string, string>();
  return {
    open,
    raise: (code: string, message: string) => void open.set(code, message),
    resolve: (code: string) => void open.delete(code),
  };
}

const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}Z`);
const reader = (state: DeviceStatus['state'], problem?: DeviceStatus['problem']): DeviceStatus => ({
  id: 'entrance-rfid',
  kind: 'serial',
  name: 'Entrance reader',
  state,
  ...(problem ? { problem } : {}),
});

describe('device down alert (issue 11: alerts for a device down)', () => {
  it('tells staff after a minute down, naming the device, since when and its problem; resolves when it is back', () => {
    const book = alertBook();
    const alert = new DeviceDownAlert(book, 'UTC');
    alert.update([reader('ok')], at('12:00:00'));
    const gone = reader('connecting', { code: 'port_missing', detail: 'port /dev/ttyUSB0 disappeared' });
    alert.update([gone], at('12:03:00'));
    alert.update([gone], at('12:03:59'));
    expect(book.open.size).toBe(0); // a replug within the minute raises nothing
    alert.update([gone], at('12:04:00'));
    expect(book.open.get(DEVICE_DOWN_ALERT)).toBe('Entrance reader not working since 12:03: port /dev/ttyUSB0 disappeared');
    alert.update([reader('ok')], at('12:05:00'));
    expect(book.open.has(DEVICE_DOWN_ALERT)).toBe(false);
  });

  it('a disconnected device counts; one still connecting without a problem does not', () => {
    const book = alertBook();
    const alert = new DeviceDownAlert(book, 'Europe/Stockholm');
    alert.update([reader('connecting')], at('10:00:00'));
    alert.update([reader('connecting')], at('10:05:00'));
    expect(book.open.size).toBe(0);
    alert.update([reader('disconnected')], at('10:06:00'));
    alert.update([reader('disconnected')], at('10:07:00'));
    expect(book.open.get(DEVICE_DOWN_ALERT)).toBe('Entrance reader disconnected since 11:06'); // the gym's local time
  });
});

describe('clock skew alert (issue 11: alerts for clock skew)', () => {
  it('raises when the box is minutes off the cloud, either way, and resolves when they agree', () => {
    const book = alertBook();
    const alert = new ClockSkewAlert(book);
    alert.update(at('12:00:00'), at('12:01:30'));
    expect(book.open.size).toBe(0);
    alert.update(at('12:00:00'), at('12:10:00'));
    expect(book.open.get(CLOCK_SKEW_ALERT)).toMatch(/^This box's clock is 10 minutes ahead of the cloud's/);
    alert.update(at('12:10:00'), at('12:00:00'));
    expect(book.open.get(CLOCK_SKEW_ALERT)).toMatch(/10 minutes behind the cloud's/);
    alert.update(at('12:00:00'), at('12:00:01'));
    expect(book.open.has(CLOCK_SKEW_ALERT)).toBe(false);
  });

  it("the cloud client reports each answer's Date header", async () => {
    const server = createServer((_req, res) => {
      res.setHeader('date', 'Mon, 02 Mar 2026 12:00:00 GMT');
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dates: Date[] = [];
    const client = new CloudClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apiKey: 'k',
      timeoutMs: 2000,
      serverDate: (date) => dates.push(date),
    });
    try {
      const { z } = await import('zod');
      await client.get('/anything', z.object({}));
      expect(dates.map((d) => d.toISOString())).toEqual(['2026-03-02T12:00:00.000Z']);
    } finally {
      server.close();
    }
  });
});
