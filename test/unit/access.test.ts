import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopback, kioskRefusal, loadOrCreateKioskToken } from '../../gateway/http/access.js';

const token = 'k'.repeat(32);
const lan = { remoteAddress: '192.168.1.40', origin: undefined, host: 'gym-box:8080', authorization: undefined };

describe('kiosk access', () => {
  it('lets the box itself check in without a token', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopback(address)).toBe(true);
      expect(kioskRefusal({ ...lan, remoteAddress: address }, token)).toBeNull();
    }
    expect(isLoopback('::ffff:192.168.1.40')).toBe(false);
  });

  it('asks a LAN kiosk for the kiosk token, and accepts the right one', () => {
    expect(kioskRefusal(lan, token)).toMatchObject({ status: 401, code: 'kiosk_token_required' });
    expect(kioskRefusal({ ...lan, authorization: 'Bearer wrong' }, token)).toMatchObject({ status: 401 });
    expect(kioskRefusal({ ...lan, authorization: `Bearer ${token}` }, token)).toBeNull();
  });

  it('refuses pages from another origin, even with the token or from loopback', () => {
    const fromElsewhere = { ...lan, origin: 'http://evil.example', authorization: `Bearer ${token}` };
    expect(kioskRefusal(fromElsewhere, token)).toMatchObject({ status: 403, code: 'cross_origin' });
    expect(kioskRefusal({ ...fromElsewhere, remoteAddress: '127.0.0.1' }, token)).toMatchObject({ status: 403 });
    expect(kioskRefusal({ ...lan, origin: 'http://gym-box:8080', authorization: `Bearer ${token}` }, token)).toBeNull();
  });

  it('keeps the token in the data dir, readable by the owner only, and stable across restarts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'floorgate-token-'));
    const first = loadOrCreateKioskToken(dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadOrCreateKioskToken(dir)).toBe(first);
    expect(statSync(path.join(dir, 'kiosk-token')).mode & 0o777).toBe(0o600);
  });
});
