import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestAuthorization, digestResponse, parseDigestChallenge } from '../../gateway/doors/digest.js';

/**
 * RFC 7616 §3.9.1: the worked example. Same user, password, nonce, cnonce and request for MD5 and SHA-256;
 * the RFC prints the `response` for each.
 */
const RFC_7616 = {
  username: 'Mufasa',
  password: 'Circle of Life',
  method: 'GET',
  uri: '/dir/index.html',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  nc: 1,
};
const challengeHeader = (algorithm: string) =>
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, ` +
  'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"';

describe('HTTP digest auth (RFC 7616), the Shelly Gen2 login', () => {
  it('answers the RFC 7616 §3.9.1 example exactly, with MD5 and with SHA-256', () => {
    const md5 = parseDigestChallenge(challengeHeader('MD5'))!;
    const sha = parseDigestChallenge(challengeHeader('SHA-256'))!;
    expect(md5).toEqual({
      realm: 'http-auth@example.org',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      qop: 'auth',
      algorithm: 'MD5',
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
    });
    expect(digestResponse(md5, RFC_7616)).toBe('8ca523f5e9506fed4657c9700eebdbec');
    expect(digestResponse(sha, RFC_7616)).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('writes the Authorization header with every field the server checks', () => {
    const header = digestAuthorization(parseDigestChallenge(challengeHeader('SHA-256'))!, RFC_7616);
    expect(header).toBe(
      'Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, ' +
        'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, ' +
        'response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    );
  });

  it('reads the challenge a Shelly Gen2 sends, and refuses what it cannot answer', () => {
    expect(parseDigestChallenge('Digest qop="auth", realm="shellypro4pm-f008d1d8b8b8", nonce="60dc59c6", algorithm=SHA-256')).toEqual({
      realm: 'shellypro4pm-f008d1d8b8b8',
      nonce: '60dc59c6',
      qop: 'auth',
      algorithm: 'SHA-256',
      opaque: null,
    });
    expect(parseDigestChallenge('Basic realm="x"')).toBeNull();
    expect(parseDigestChallenge('Digest realm="x", nonce="n", algorithm=SHA-512-256')).toBeNull();
    expect(parseDigestChallenge('Digest realm="x", nonce="n", qop="auth-int"')).toBeNull();
    expect(parseDigestChallenge('Digest nonce="n"')).toBeNull();
    expect(parseDigestChallenge(null)).toBeNull();
  });

  it('never throws on any header, and whatever it accepts it can answer (fuzzed)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `Digest ${s}`)), (header) => {
        const challenge = parseDigestChallenge(header);
        if (challenge) expect(digestAuthorization(challenge, RFC_7616)).toMatch(/^Digest username="Mufasa", /);
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.string(), (realm, nonce) => {
        const quote = (v: string) => `"${v.replace(/(["\\])/g, '\\$1')}"`;
        const challenge = parseDigestChallenge(`Digest realm=${quote(realm)}, nonce=${quote(nonce)}, qop="auth", algorithm=SHA-256`);
        expect(challenge).toMatchObject({ realm, nonce });
      }),
    );
  });
});
