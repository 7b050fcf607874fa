import { chmodSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorSubscriptions, floorTopics } from '../../shared/floor.js';
import { filterCovers, mayPublish, mayReceive, maySubscribe, topicMatches, type FloorAccount } from '../../gateway/floor/broker-access.js';
import { AccountsFileError, hashPassword, parseAccountsFile, readAccountsFile, upsertAccount, verifyPassword } from '../../gateway/floor/broker-accounts.js';
import { tempDataDir } from '../support/gateway.js';

const upstairs: FloorAccount = { user: 'upstairs', role: 'box' };
const homeAssistant: FloorAccount = { user: 'home-assistant', role: 'reader' };
const gym = 'gym-1';

describe('a box account on the floor broker', () => {
  it('publishes every topic of its own box and none of another box', () => {
    for (const topic of [
      floorTopics.presence(gym, 'upstairs'),
      floorTopics.facts(gym, 'upstairs'),
      floorTopics.machineReading(gym, 'upstairs', 'rower-1'),
      floorTopics.machineState(gym, 'upstairs', 'rower-1'),
      floorTopics.occupancy(gym, 'upstairs'),
    ]) {
      expect(mayPublish(upstairs, gym, topic)).toEqual({ ok: true });
    }
    expect(mayPublish(upstairs, gym, floorTopics.facts(gym, 'entrance'))).toEqual({
      ok: false,
      reason: 'box "upstairs" publishes only under floorgate/gym-1/upstairs/…',
    });
    // A box whose id begins like another's does not share its prefix.
    expect(mayPublish(upstairs, gym, floorTopics.facts(gym, 'upstairs2')).ok).toBe(false);
    expect(mayPublish(upstairs, gym, floorTopics.facts('gym-2', 'upstairs')).ok).toBe(false);
    expect(mayPublish(upstairs, gym, 'floorgate/gym-1/upstairs/').ok).toBe(false);
    expect(mayPublish(upstairs, gym, '$SYS/broker/uptime').ok).toBe(false);
  });

  it('subscribes to what the gateway subscribes to, within its own location only', () => {
    for (const filter of floorSubscriptions(gym)) expect(maySubscribe(upstairs, gym, filter)).toEqual({ ok: true });
    expect(maySubscribe(upstairs, gym, 'floorgate/gym-1/#').ok).toBe(true);
    expect(maySubscribe(upstairs, gym, 'floorgate/#').ok).toBe(false);
    expect(maySubscribe(upstairs, gym, 'floorgate/+/+/facts').ok).toBe(false);
    expect(maySubscribe(upstairs, gym, '#').ok).toBe(false);
    expect(mayReceive(upstairs, gym, floorTopics.facts(gym, 'entrance'))).toBe(true);
    expect(mayReceive(upstairs, gym, floorTopics.facts('gym-2', 'entrance'))).toBe(false);
    expect(mayReceive(upstairs, gym, 'floorgate/gym-10/entrance/facts')).toBe(false);
  });
});

describe('a reader account (Home Assistant, Node-RED)', () => {
  it('may not publish at all', () => {
    expect(mayPublish(homeAssistant, gym, floorTopics.occupancy(gym, 'home-assistant'))).toEqual({
      ok: false,
      reason: '"home-assistant" is a read-only account (role reader)',
    });
  });

  it('subscribes to presence and public topics, never to facts (member ids)', () => {
    for (const filter of [
      'floorgate/gym-1/+/presence',
      'floorgate/gym-1/+/public/#',
      'floorgate/gym-1/entrance/public/occupancy',
      'floorgate/gym-1/+/public/machines/+/state',
      'floorgate/gym-1/upstairs/presence',
    ]) {
      expect(maySubscribe(homeAssistant, gym, filter), filter).toEqual({ ok: true });
    }
    for (const filter of ['floorgate/gym-1/#', 'floorgate/gym-1/+/facts', 'floorgate/gym-1/+/+', 'floorgate/gym-1/upstairs/#', 'floorgate/gym-1/+/+/occupancy']) {
      expect(maySubscribe(homeAssistant, gym, filter).ok, filter).toBe(false);
    }
    expect(maySubscribe(homeAssistant, gym, 'floorgate/gym-1/#')).toEqual({
      ok: false,
      reason: 'reader "home-assistant" may subscribe only within floorgate/gym-1/+/presence or floorgate/gym-1/+/public/#',
    });
    expect(mayReceive(homeAssistant, gym, floorTopics.facts(gym, 'upstairs'))).toBe(false);
    expect(mayReceive(homeAssistant, gym, floorTopics.sessions(gym, 'upstairs'))).toBe(true);
  });
});

describe('MQTT topic filters', () => {
  it('match as MQTT 3.1.1 §4.7 says, including "#" matching its parent and "$" topics', () => {
    expect(topicMatches('a/#', 'a')).toBe(true);
    expect(topicMatches('a/+', 'a')).toBe(false);
    expect(topicMatches('a/+/c', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+/c', 'a/b/c/d')).toBe(false);
    expect(topicMatches('#', '$SYS/x')).toBe(false);
    expect(topicMatches('+/x', '$SYS/x')).toBe(false);
    expect(topicMatches('a//c', 'a//c')).toBe(true);
  });

  it('cover a filter only when every topic the filter matches is matched too (checked on random topics)', () => {
    const level = fc.constantFrom('a', 'b', '', '+');
    const filterArb = fc
      .tuple(fc.array(level, { minLength: 1, maxLength: 4 }), fc.boolean())
      .map(([levels, hash]) => [...levels, ...(hash ? ['#'] : [])].join('/'));
    const topicArb = fc.array(fc.constantFrom('a', 'b', '', 'c'), { minLength: 1, maxLength: 6 }).map((levels) => levels.join('/'));
    fc.assert(
      fc.property(filterArb, filterArb, fc.array(topicArb, { minLength: 20, maxLength: 20 }), (pattern, filter, topics) => {
        if (!filterCovers(pattern, filter)) return;
        for (const topic of topics) if (topicMatches(filter, topic)) expect(topicMatches(pattern, topic)).toBe(true);
      }),
    );
  });
});

describe('the accounts file', () => {
  const cheap = { N: 1024, r: 8, p: 1 };

  it('holds scrypt hashes only, which verify the right password and no other', async () => {
    const hash = await hashPassword('correct horse', cheap);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct hors', hash)).toBe(false);
    expect(await hashPassword('correct horse', cheap)).not.toBe(hash); // salted
  });

  it('names the field that is wrong', () => {
    const hash = 'scrypt$1024$8$1$AAAA$AAAA';
    expect(() => parseAccountsFile('{"accounts":[{"user":"a","role":"box","passwordHash":"' + hash + '"},{"user":"b","role":"admin","passwordHash":"' + hash + '"}]}', 'f.json')).toThrow(
      /^floor\.accountsFile: f\.json: accounts\[1\]\.role: /,
    );
    expect(() => parseAccountsFile('{"accounts":[{"user":"a","role":"box","password":"hunter2"}]}', 'f.json')).toThrow(AccountsFileError);
    expect(() => parseAccountsFile('{"accounts":[{"user":"up/stairs","role":"box","passwordHash":"' + hash + '"}]}', 'f.json')).toThrow(/accounts\[0\]\.user: letters, digits/);
    expect(() => parseAccountsFile('{"accounts":[{"user":"ha@reader","role":"box","passwordHash":"' + hash + '"}]}', 'f.json')).toThrow(/accounts\[0\]\.user: a box account is its box id/);
    expect(parseAccountsFile('{"accounts":[{"user":"ha@reader","role":"reader","passwordHash":"' + hash + '"}]}', 'f.json')).toHaveLength(1);
    expect(() => parseAccountsFile('{"accounts":[{"user":"a","role":"box","passwordHash":"' + hash + '"},{"user":"a","role":"reader","passwordHash":"' + hash + '"}]}', 'f.json')).toThrow(
      'user "a" is listed twice',
    );
    expect(() => parseAccountsFile('accounts: []', 'f.json')).toThrow(/f\.json is not JSON/);
  });

  it('is written 0600 by upsertAccount, replaces a user in place, and is refused when others can read it', async () => {
    const file = path.join(tempDataDir(), 'floor-accounts.json');
    expect(await upsertAccount(file, upstairs, 'pw-1')).toEqual({ replaced: false });
    expect(await upsertAccount(file, homeAssistant, 'pw-2')).toEqual({ replaced: false });
    expect(await upsertAccount(file, { user: 'upstairs', role: 'box' }, 'pw-3')).toEqual({ replaced: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const entries = readAccountsFile(file);
    expect(entries.map((entry) => [entry.user, entry.role])).toEqual([['upstairs', 'box'], ['home-assistant', 'reader']]);
    expect(await verifyPassword('pw-3', entries[0]!.passwordHash)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toMatch(/pw-\d/);

    chmodSync(file, 0o644);
    expect(() => readAccountsFile(file)).toThrow(`chmod 600 ${file}`);
  });
});
