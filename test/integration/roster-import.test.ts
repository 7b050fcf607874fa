import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postCheckIn, tempDataDir, testGateway } from '../support/gateway.js';

function floorgate(args: string[], dataDir: string) {
  return spawnSync(process.execPath, ['bin/floorgate.mjs', ...args], {
    env: { ...process.env, FLOORGATE_DATA_DIR: dataDir, FLOORGATE_CONFIG: '' },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('floorgate roster import', () => {
  it('loads a CSV roster that the gateway then decides from, without the simulator or a cloud', async () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'members.csv');
    writeFileSync(
      file,
      [
        'id,name,badge_ids,status,valid_until,waiver,privacy,alias',
        'c-1,Olivia Lund,00AB12;QR-OLIVIA,active,2099-12-31,yes,name,',
        'c-2,Ture Sjö,CD34,active,,no,alias,Iron Ture',
        'c-3,Siv Ek,EF56,frozen,,yes,hidden,',
      ].join('\n'),
    );
    const result = floorgate(['roster', 'import', file], dataDir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Imported 3 members with 4 badges');

    const gateway = await testGateway({ FLOORGATE_SIMULATOR: 'off' }, { dataDir });
    try {
      expect(gateway.status().roster.members).toBe(3);
      expect((await postCheckIn(gateway.url, 'ab12')).body).toMatchObject({ decision: 'accepted', member: { displayName: 'Olivia L.' } });
      expect((await postCheckIn(gateway.url, 'cd34')).body).toMatchObject({
        decision: 'denied',
        member: { displayName: 'Iron Ture' },
        reason: { code: 'waiver_missing' },
      });
      expect((await postCheckIn(gateway.url, 'ef56')).body).toMatchObject({ member: { displayName: null }, reason: { code: 'membership_frozen' } });
    } finally {
      await gateway.close();
    }
  });

  it('refuses a file with bad rows, naming each row and field, and imports nothing', () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'members.csv');
    writeFileSync(file, ['id,name,badge_ids,status,valid_until,waiver', 'c-1,Ok Person,1,active,,yes', 'c-2,,2,paused,31/12/2026,maybe'].join('\n'));
    const result = floorgate(['roster', 'import', file], dataDir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('1 invalid member(s), nothing imported');
    // Errors name the CSV's own columns (waiver, not waiverSigned), in words for whoever edits the spreadsheet.
    expect(result.stderr).toMatch(/row 3: .*column name is required/);
    expect(result.stderr).toMatch(/column status must be active, expired, frozen or suspended/);
    expect(result.stderr).toMatch(/column valid_until must be a date YYYY-MM-DD/);
    expect(result.stderr).toMatch(/column waiver must be yes or no/);
    expect(result.stderr).not.toMatch(/waiverSigned|membership\./);
  });

  it('loads a JSON roster with access hours', () => {
    const dataDir = tempDataDir();
    const file = path.join(dataDir, 'members.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: 'j-1',
          name: 'Early Bird',
          badgeIds: ['77'],
          membership: { status: 'active', validUntil: null, accessHours: [{ days: [1, 2, 3, 4, 5], from: '06:00', to: '09:00' }] },
          waiverSigned: true,
        },
      ]),
    );
    const result = floorgate(['roster', 'import', file], dataDir);
    expect(result.stdout).toContain('Imported 1 members with 1 badges');
  });
});
