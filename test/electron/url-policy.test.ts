import { describe, expect, it } from 'vitest';
import { isAllowedUrl } from '../../electron/url-policy.js';

const gateway = 'http://127.0.0.1:8080';

describe('isAllowedUrl', () => {
  it.each([
    'http://127.0.0.1:8080/screen/entrance',
    'http://127.0.0.1:8080/',
    'http://127.0.0.1:8080',
    'http://127.0.0.1:8080/screen/floor?room=rowers#top',
  ])('allows the gateway origin: %s', (url) => {
    expect(isAllowedUrl(url, gateway)).toBe(true);
  });

  it.each([
    ['another host', 'https://example.com/'],
    ['another port', 'http://127.0.0.1:9999/screen/entrance'],
    ['another scheme', 'https://127.0.0.1:8080/screen/entrance'],
    ['localhost is a different origin', 'http://localhost:8080/screen/entrance'],
    ['userinfo trick', 'http://127.0.0.1:8080@evil.example/'],
    ['file URL', 'file:///etc/passwd'],
    ['data URL', 'data:text/html,<h1>hi</h1>'],
    ['javascript URL', 'javascript:alert(1)'],
    ['about:blank', 'about:blank'],
    ['not a URL', 'not a url'],
    ['empty', ''],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedUrl(url, gateway)).toBe(false);
  });

  it('accepts any URL on the gateway origin as the origin argument', () => {
    expect(isAllowedUrl('http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/screen/entrance')).toBe(true);
  });

  it('treats the default port as the same origin', () => {
    expect(isAllowedUrl('http://127.0.0.1/x', 'http://127.0.0.1:80')).toBe(true);
  });

  it('never allows anything when the gateway origin is opaque or invalid', () => {
    expect(isAllowedUrl('about:blank', 'about:blank')).toBe(false);
    expect(isAllowedUrl('file:///a', 'file:///a')).toBe(false);
    expect(isAllowedUrl('http://127.0.0.1:8080/', 'nonsense')).toBe(false);
  });
});
