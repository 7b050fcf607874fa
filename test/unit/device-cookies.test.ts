import { describe, expect, it } from 'vitest';
import { DeviceCookies } from '../../gateway/staff/device-cookies.js';
import { DEFAULT_PIN_THROTTLE, StaffAuth } from '../../gateway/staff/sessions.js';
import { manualClock } from '../../gateway/time/clock.js';

describe('staff device cookies (OWASP: lockout by strangers)', () => {
  const clock = manualClock('2026-01-01T00:00:00Z');

  it('knows only the values it signed: made-up, tampered, or signed under another staff token are strangers', () => {
    const devices = new DeviceCookies('s'.repeat(32), clock, DEFAULT_PIN_THROTTLE);
    const value = devices.issue();
    const [id, signature] = value.split('.');
    expect(devices.verify(value)).toBe(id);
    expect(devices.verify(undefined)).toBeNull();
    expect(devices.verify('')).toBeNull();
    expect(devices.verify(`${id}x.${signature}`)).toBeNull();
    expect(devices.verify(`${id}.${signature!.slice(1)}A`)).toBeNull();
    expect(devices.verify(`${value}.extra`)).toBeNull();
    expect(new DeviceCookies('t'.repeat(32), clock, DEFAULT_PIN_THROTTLE).verify(value)).toBeNull(); // a rotated staff token forgets devices
  });

  it('signs in a known device past the box-wide wait, while its own wrong PINs still slow it', () => {
    const auth = new StaffAuth('s'.repeat(32), '482193', manualClock('2026-01-01T00:00:00Z'));
    const { device } = auth.signIn({ pin: '482193' });
    for (let i = 0; i < 5; i++) auth.check({ pin: '000000' }); // a stranger: box-wide wait on
    expect(auth.check({ pin: '482193' })).toMatchObject({ ok: false, status: 429 });
    expect(auth.check({ pin: '482193', device })).toMatchObject({ ok: true, via: 'pin' });
    expect(auth.check({ pin: '482193' })).toMatchObject({ ok: false, status: 429 }); // its success did not lift the stranger's wait
    const own = Array.from({ length: 5 }, () => auth.check({ pin: '000000', device }));
    expect(own.map((answer) => (answer.ok ? 200 : answer.status))).toEqual([401, 401, 401, 401, 429]);
  });
});
