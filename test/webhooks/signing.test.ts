/** Our signer against the public `standardwebhooks` package (the reference implementation of the spec). */
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newSecret, signatureHeaders } from '../../gateway/webhooks/signer.js';

describe('Standard Webhooks signatures', () => {
  it('matches the reference test vector (github.com/standard-webhooks/standard-webhooks, the libraries\' tests)', () => {
    const headers = signatureHeaders({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: new Date(1614265330 * 1000),
      body: '{"test": 2432232314}',
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    });
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('every signature verifies with standardwebhooks, for any id and body', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string(), fc.integer({ min: -200, max: 200 }), (id, text, skewS) => {
        const secret = newSecret();
        const body = JSON.stringify({ type: 'test', data: { text } });
        const headers = signatureHeaders({ id, timestamp: new Date(Date.now() + skewS * 1000), body, secrets: [secret] });
        expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
      }),
      { numRuns: 200 },
    );
  });

  it('with two secrets (rotation) either verifies; a third does not, nor a changed body', () => {
    const [a, b, c] = [newSecret(), newSecret(), newSecret()];
    const body = '{"type":"test"}';
    const headers = signatureHeaders({ id: 'evt-1', timestamp: new Date(), body, secrets: [a, b] });
    expect(new Webhook(a).verify(body, headers)).toEqual({ type: 'test' });
    expect(new Webhook(b).verify(body, headers)).toEqual({ type: 'test' });
    expect(() => new Webhook(c).verify(body, headers)).toThrow(/signature/i);
    expect(() => new Webhook(a).verify('{"type":"tost"}', headers)).toThrow(/signature/i);
  });
});
