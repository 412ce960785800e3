import { describe, expect, it } from 'vitest';
import { checkReturnTo, parseAllowedHosts, RETURN_TO_MAX_LENGTH } from './return-to';

const HTTPS = {
  publicUrl: 'https://console.acme.com',
  allowedHosts: ['app.acme.com', 'wiki.acme.com:8443'],
};
const HTTP = { publicUrl: 'http://127.0.0.1:3000', allowedHosts: ['127.0.0.1:8080'] };

const target = (value: string, options = HTTPS) => {
  const result = checkReturnTo(value, options);
  return result.ok ? result.target : 'refused';
};

describe('checkReturnTo', () => {
  it('takes paths on the console itself, normalised', () => {
    expect(target('/oidc/interaction/abc123')).toBe('/oidc/interaction/abc123');
    expect(target('/me?x=1#top')).toBe('/me?x=1#top');
    expect(target('/a/../b')).toBe('/b');
    expect(target('/search?email=ada@acme.com')).toBe('/search?email=ada@acme.com');
  });

  it('takes absolute addresses on allowed hosts, and on the console origin', () => {
    expect(target('https://app.acme.com/reports?q=1')).toBe('https://app.acme.com/reports?q=1');
    expect(target('https://APP.acme.com/')).toBe('https://app.acme.com/');
    expect(target('https://wiki.acme.com:8443/page')).toBe('https://wiki.acme.com:8443/page');
    expect(target('https://console.acme.com/me')).toBe('https://console.acme.com/me');
    expect(target('http://127.0.0.1:8080/', HTTP)).toBe('http://127.0.0.1:8080/');
    expect(target('HTTPS://app.acme.com:443/x')).toBe('https://app.acme.com/x');
  });

  it.each([
    ['another host', 'https://evil.test/'],
    ['an allowed name on another port', 'https://wiki.acme.com/page'],
    ['an allowed host as a suffix', 'https://app.acme.com.evil.test/'],
    ['a subdomain of an allowed host', 'https://x.app.acme.com/'],
    ['protocol-relative', '//evil.test/'],
    ['protocol-relative with a backslash', '/\\evil.test/'],
    ['backslashes', '\\\\evil.test'],
    ['a path normalised to protocol-relative', '/..//evil.test/'],
    ['a dot path normalised to protocol-relative', '/.//evil.test'],
    ['encoded dots normalised to protocol-relative', '/%2e%2e//evil.test'],
    ['a trailing-dot host', 'https://app.acme.com./'],
    ['a look-alike (Cyrillic) host', 'https://аpp.acme.com/'],
    ['javascript:', 'javascript:alert(1)'],
    ['JavaScript: in capitals', 'JAVASCRIPT:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['userinfo naming the allowed host', 'https://app.acme.com@evil.test/'],
    ['userinfo with a password', 'https://app.acme.com:x@evil.test/'],
    ['userinfo on the allowed host itself', 'https://ada@app.acme.com/'],
    ['a backslash before the @', 'https://evil.test\\@app.acme.com/'],
    ['scheme without slashes', 'https:app.acme.com/'],
    ['scheme with one slash', 'https:/app.acme.com/'],
    ['http to a non-loopback allowed host under https', 'http://app.acme.com/'],
    ['ftp', 'ftp://app.acme.com/'],
    ['a tab inside', '/\t/evil.test'],
    ['a newline', '/me\r\nSet-Cookie: x=1'],
    ['a leading space', ' https://app.acme.com/'],
    ['a NUL', '/me\u0000'],
    ['encoded slashes', '/%2f%2fevil.test'],
    ['encoded backslash', '/%5cevil.test'],
    ['an encoded newline', '/me%0d%0aSet-Cookie:x=1'],
    ['broken percent-encoding', '/me%zz%'],
    ['encoded @ in the host', 'https://app.acme.com%40evil.test/'],
    ['a bare word', 'evil.test'],
    ['empty', ''],
    ['over-long', `/${'a'.repeat(RETURN_TO_MAX_LENGTH)}`],
  ])('refuses %s', (_what, value) => {
    expect(checkReturnTo(value, HTTPS)).toEqual({ ok: false });
  });

  it('allows http on loopback, or when the console itself is on http', () => {
    const loopbackOnHttps = { ...HTTPS, allowedHosts: ['127.0.0.1:8080'] };
    expect(target('http://127.0.0.1:8080/', loopbackOnHttps)).toBe('http://127.0.0.1:8080/');
    const plain = { publicUrl: 'http://console.lan', allowedHosts: ['app.lan'] };
    expect(target('http://app.lan/x', plain)).toBe('http://app.lan/x');
    expect(target('http://evil.lan/x', plain)).toBe('refused');
  });

  it('accepts the longest allowed value', () => {
    const longest = `/${'a'.repeat(RETURN_TO_MAX_LENGTH - 1)}`;
    expect(target(longest)).toBe(longest);
  });
});

describe('parseAllowedHosts', () => {
  it('reads comma-separated host[:port], lower-cased', () => {
    expect(parseAllowedHosts(undefined)).toEqual({ ok: true, hosts: [] });
    expect(parseAllowedHosts(' App.Acme.com , 127.0.0.1:8080,,[::1]:9000')).toEqual({
      ok: true,
      hosts: ['app.acme.com', '127.0.0.1:8080', '[::1]:9000'],
    });
  });

  it.each([
    'https://app.acme.com',
    'app.acme.com/x',
    'ada@app.acme.com',
    'a b',
    'app:99999',
    'x?y',
  ])('refuses %s', (entry) => {
    expect(parseAllowedHosts(`ok.example,${entry}`)).toEqual({ ok: false, entry });
  });
});
