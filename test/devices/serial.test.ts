import type { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CheckInResult } from '../../shared/checkin.js';
import type { EquipmentTile } from '../../shared/equipment.js';
import type { DeviceStatus } from '../../shared/status.js';
import type { Gateway } from '../../gateway/app.js';
import type { CheckInPayload } from '../../gateway/checkin/payload.js';
import type { EquipmentReading } from '../../gateway/devices/types.js';
import type { FloorEventMap } from '../../gateway/floor-events.js';
import { buildCommandFrame, MONITOR_POLL } from '../../gateway/protocols/csafe/commands.js';
import { encodeRdm6300Frame } from '../../gateway/protocols/rdm6300.js';
import { floorGateway } from '../support/floor-gateway.js';
import { PmEmulator } from '../support/pm-emulator.js';
import { closeEnd, openEnd, PtyPair, Received } from '../support/socat.js';

const RELAY_ON = Buffer.from([0xa0, 0x01, 0x01, 0xa2]);
const RELAY_OFF = Buffer.from([0xa0, 0x01, 0x00, 0xa1]);
const WAIT = { timeout: 8_000, interval: 50 };

/**
 * The serial adapter over real pseudo-terminals made by socat: an RDM6300 reader, a CH340 door relay and a
 * CSAFE PM (emulated on the far end), against a real gateway. Unplugging is killing socat; plugging back in is
 * starting it again on the same paths.
 */
describe('serial devices over socat ptys', () => {
  const rfid = new PtyPair(undefined, 'rfid');
  const relay = new PtyPair(undefined, 'relay');
  const pm = new PtyPair(undefined, 'pm');
  let gateway: Gateway;
  let rfidEnd: SerialPort;
  let relayEnd: SerialPort;
  let pmEnd: SerialPort;
  let relayBytes: Received;
  let emulator: PmEmulator;
  const checkins: Array<{ result: CheckInResult; payload: CheckInPayload }> = [];
  const doors: Array<FloorEventMap['door'][0]> = [];

  const device = async (id: string): Promise<DeviceStatus> => {
    const status = (await (await fetch(`${gateway.url}/api/status`)).json()) as { devices: DeviceStatus[] };
    return status.devices.find((d) => d.id === id)!;
  };
  const tile = async (equipmentId: string): Promise<EquipmentTile | undefined> => {
    const answer = (await (await fetch(`${gateway.url}/api/equipment`)).json()) as { tiles: EquipmentTile[] };
    return answer.tiles.find((t) => t.equipmentId === equipmentId);
  };

  beforeAll(async () => {
    await Promise.all([rfid.start(), relay.start(), pm.start()]);
    [rfidEnd, relayEnd, pmEnd] = await Promise.all([openEnd(rfid.b), openEnd(relay.b), openEnd(pm.b)]);
    relayBytes = new Received(relayEnd);
    emulator = new PmEmulator(pmEnd);
    const fast = { reopenMinMs: 50, reopenMaxMs: 250 };
    gateway = await floorGateway({
      devices: [
        { kind: 'serial', id: 'entrance-rfid', role: 'rfid', path: rfid.a, ...fast },
        { kind: 'serial', id: 'door', role: 'relay', path: relay.a, openSeconds: 0.5, openOn: ['entrance-rfid'], ...fast },
        { kind: 'serial', id: 'rower-7', name: 'Rower 7', role: 'csafe', path: pm.a, pollMs: 100, timeoutMs: 300, ...fast },
      ],
    });
    gateway.floor.on('checkin', (result, payload) => checkins.push({ result, payload }));
    gateway.floor.on('door', (door) => doors.push(door)); // door.opened webhooks are journaled from these
    await vi.waitFor(async () => {
      for (const id of ['entrance-rfid', 'door', 'rower-7']) expect((await device(id)).state).toBe('ok');
    }, WAIT);
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([rfidEnd, relayEnd, pmEnd].filter(Boolean).map(closeEnd));
    await Promise.all([rfid.stop(), relay.stop(), pm.stop()]);
  });

  it('an RDM6300 frame becomes one check-in however often the reader repeats it; the door opens, then closes', async () => {
    // The relay hears "off" first whenever its port opens: a door never stays open across a reconnect.
    await relayBytes.until((all) => all.equals(RELAY_OFF));
    const anna = encodeRdm6300Frame('0000001001');
    const badSum = Buffer.from(encodeRdm6300Frame('0000001002'));
    badSum[12] = 0x30;
    const erik = encodeRdm6300Frame('0000001002');
    rfidEnd.write(Buffer.concat([anna, anna, anna, anna, anna, badSum, erik, erik, erik]));

    await vi.waitFor(() => expect(checkins.length).toBeGreaterThanOrEqual(2), WAIT);
    expect(checkins.map((c) => [c.payload.badgeId, c.payload.source, c.result.decision])).toEqual([
      ['1001', 'serial:entrance-rfid', 'accepted'],
      ['1002', 'serial:entrance-rfid', 'accepted'],
    ]);
    expect(gateway.db.prepare("SELECT count(*) AS n FROM journal WHERE type = 'check_in'").get()).toEqual({ n: 2 });

    // On at the accepted check-in, off again after openSeconds.
    const door = await relayBytes.until((all) => all.length >= 12 && all.subarray(all.length - 4).equals(RELAY_OFF));
    expect(door.subarray(0, 8)).toEqual(Buffer.concat([RELAY_OFF, RELAY_ON]));
    const reader = await device('entrance-rfid');
    expect(reader.detail).toContain('2 taps');
    expect(reader.detail).toContain('6 repeats suppressed');
    expect(reader.detail).toContain('1 malformed frames dropped');
    expect((await device('door')).detail).toMatch(/opened [12] times/);
    expect(doors[0]).toEqual({
      doorId: 'door', doorName: 'door', openSeconds: 0.5,
      checkInEventId: checkins[0]!.result.eventId, memberId: checkins[0]!.payload.memberId, reader: 'serial:entrance-rfid',
    });
  });

  it('a CSAFE request/response round trip with a PM turns into an equipment reading', async () => {
    emulator.figures = { state: 5, workTimeS: 95.5, distanceM: 412.3, paceSecPerKm: 240, strokeRate: 26, watts: 203, calories: 21, heartRate: 151 };
    const reading = await new Promise<EquipmentReading>((resolve) => {
      const listener = (r: EquipmentReading) => {
        if (r.equipmentId !== 'rower-7' || r.metrics.distanceM !== 412.3) return;
        gateway.floor.off('reading', listener);
        resolve(r);
      };
      gateway.floor.on('reading', listener);
    });
    expect(reading).toMatchObject({
      equipmentId: 'rower-7',
      name: 'Rower 7',
      kind: 'rower',
      metrics: { elapsedS: 95.5, distanceM: 412.3, paceSecPer500m: 120, speedMps: 4.167, strokeRateSpm: 26, powerW: 203, energyKcal: 21, heartRateBpm: 151 },
    });
    // What went over the wire is the monitor poll, byte for byte.
    expect(emulator.requests[0]).toEqual(buildCommandFrame(MONITOR_POLL));

    // A PM that stops answering is reported; when it answers again, it is ok again.
    emulator.mute = true;
    const notAnswering = { code: 'not_responding', detail: expect.stringMatching(/^monitor not answering \(\d+ polls missed\)$/) };
    await vi.waitFor(async () => expect(await device('rower-7')).toMatchObject({ state: 'error', problem: notAnswering }), WAIT);
    // The machine's tile shows the problem as the device reported it.
    await vi.waitFor(async () => expect(await tile('rower-7')).toMatchObject({ state: 'error', problem: notAnswering }), WAIT);
    emulator.mute = false;
    await vi.waitFor(async () => expect((await device('rower-7')).state).toBe('ok'), WAIT);
    expect(await device('rower-7')).not.toHaveProperty('problem');
    await vi.waitFor(async () => expect(await tile('rower-7')).not.toHaveProperty('problem'), WAIT);
  });

  it('unplugged (socat killed) the reader is reported disconnected; plugged back in it reopens and frames flow again', async () => {
    await closeEnd(rfidEnd);
    await rfid.stop();
    await vi.waitFor(async () => {
      const reader = await device('entrance-rfid');
      expect(reader).toMatchObject({ state: 'disconnected', detail: expect.stringMatching(/port closed|not there/) });
      expect(['port_failed', 'port_missing']).toContain(reader.problem?.code);
    }, WAIT);

    await rfid.start();
    rfidEnd = await openEnd(rfid.b);
    await vi.waitFor(async () => expect((await device('entrance-rfid')).state).toBe('ok'), WAIT);
    const before = checkins.length;
    rfidEnd.write(encodeRdm6300Frame('0000001003'));
    await vi.waitFor(() => expect(checkins.length).toBe(before + 1), WAIT);
    expect(checkins.at(-1)!.payload).toMatchObject({ badgeId: '1003', source: 'serial:entrance-rfid' });
  });
});
