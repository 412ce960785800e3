import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeIssuer, OKTA_DOMAIN_FAMILIES } from './issuer';

const strict = { allowHttpLoopback: false };
const loose = { allowHttpLoopback: true };

function messageFor(value: string, rules = strict): string {
  const verdict = judgeIssuer(value, rules);
  if (verdict.ok) throw new Error(`${value} was accepted`);
  return verdict.message;
}

describe('judgeIssuer: each common mistake has its own message', () => {
  const mistakes: Array<[string, string, RegExp]> = [
    ['empty', '   ', /^Enter the Issuer URI/],
    ['http://', 'http://acme.okta.com', /use https:\/\/\. Change http:\/\/ to https:\/\//],
    ['the admin host', 'https://acme-admin.okta.com', /Admin Console.*https:\/\/acme\.okta\.com/],
    ['a placeholder', 'https://{yourOktaDomain}/oauth2/default', /Replace the placeholder/],
    ['a bare placeholder', 'yourOktaDomain', /Replace the placeholder/],
    ['a trailing slash', 'https://acme.okta.com/', /Remove the trailing slash/],
    ['a trailing slash after the server', 'https://acme.okta.com/oauth2/default/', /trailing/],
    ['spaces', 'my okta', /Remove the spaces/],
    ['not a URL at all', 'acme', /^This is not a URL/],
    [
      'a host without scheme',
      'acme.okta.com',
      /^Start with https:\/\/, .*https:\/\/acme\.okta\.com/,
    ],
    ['a query', 'https://acme.okta.com?x=1', /Remove the query/],
    ['a fragment', 'https://acme.okta.com#top', /Remove the fragment/],
    ['.com.com', 'https://acme.okta.com.com', /\.com\.com/],
    ['bare okta.com', 'https://okta.com', /Include your org's subdomain.*acme\.okta\.com/],
    ['a wrong path', 'https://acme.okta.com/oauth2/default/v1/authorize', /Use the issuer itself/],
    ['the admin path', 'https://acme.okta.com/admin/dashboard', /Use the issuer itself/],
    ['another scheme', 'ftp://acme.okta.com', /must start with https/],
    ['credentials', 'https://me:pw@acme.okta.com', /user name and password/],
    ['a dot after the domain', 'https://acme.okta.com.', /dot at the end of the domain/],
    ['capitals', 'HTTPS://ACME.okta.com', /exactly as Okta shows it: https:\/\/acme\.okta\.com$/],
    [
      'the default port',
      'https://acme.okta.com:443',
      /exactly as Okta shows it: https:\/\/acme\.okta\.com$/,
    ],
    [
      'a third slash',
      'https:///acme.okta.com',
      /exactly as Okta shows it: https:\/\/acme\.okta\.com$/,
    ],
    [
      'backslashes',
      'https://acme.okta.com\\oauth2\\default',
      /exactly as Okta shows it: .*\/oauth2\/default$/,
    ],
    ['dot segments', 'https://acme.okta.com/./oauth2/default', /exactly as Okta shows it/],
  ];

  it.each(mistakes)('%s', (_name, value, expected) => {
    expect(messageFor(value)).toMatch(expected);
  });

  it('gives every mistake a different message', () => {
    const kinds = [
      'http://acme.okta.com',
      'https://acme-admin.okta.com',
      'https://{yourOktaDomain}',
      'https://acme.okta.com/',
      'acme',
      'acme.okta.com',
      'https://acme.okta.com?x=1',
      'https://acme.okta.com#top',
      'https://acme.okta.com.com',
      'https://okta.com',
      'https://acme.okta.com/oauth2/v1/authorize',
    ].map((v) => messageFor(v));
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('refuses http loopback unless allowed, and then only on loopback', () => {
    expect(messageFor('http://127.0.0.1:8080')).toMatch(/https/);
    expect(messageFor('http://localhost:8080/oauth2/default')).toMatch(/https/);
    expect(judgeIssuer('http://127.0.0.1:8080', loose)).toEqual({
      ok: true,
      issuer: 'http://127.0.0.1:8080',
      domainKind: 'loopback',
      serverKind: 'org',
    });
    expect(judgeIssuer('http://localhost:9/oauth2/default', loose)).toMatchObject({
      ok: true,
      domainKind: 'loopback',
      serverKind: 'custom',
    });
    expect(messageFor('http://acme.okta.com', loose)).toMatch(/https/);
    expect(messageFor('http://10.0.0.1:8080', loose)).toMatch(/https/);
  });
});

describe('judgeIssuer: what it accepts', () => {
  it.each(OKTA_DOMAIN_FAMILIES)('the %s family, org and custom server', (family) => {
    expect(judgeIssuer(`https://acme.${family}`, strict)).toEqual({
      ok: true,
      issuer: `https://acme.${family}`,
      domainKind: 'okta',
      serverKind: 'org',
    });
    expect(judgeIssuer(`https://acme.${family}/oauth2/default`, strict)).toEqual({
      ok: true,
      issuer: `https://acme.${family}/oauth2/default`,
      domainKind: 'okta',
      serverKind: 'custom',
    });
    expect(judgeIssuer(`https://acme-admin.${family}`, strict).ok).toBe(false);
    expect(judgeIssuer(`https://${family}`, strict).ok).toBe(false);
  });

  it('covers every family Okta documents', () => {
    expect([...OKTA_DOMAIN_FAMILIES].sort()).toEqual(
      [
        'okta.com',
        'oktapreview.com',
        'okta-emea.com',
        'okta-gov.com',
        'okta.mil',
        'okta-miltest.com',
        'trex-gov.com',
        'trexcloud.com',
      ].sort(),
    );
  });

  it('accepts a custom authorization server id', () => {
    expect(judgeIssuer('https://acme.okta.com/oauth2/aus1a2b3c4D5e6F7g8h9', strict)).toMatchObject({
      ok: true,
      serverKind: 'custom',
    });
  });

  it('takes a host outside the families as a possible custom URL domain', () => {
    expect(judgeIssuer('https://login.acme.com', strict)).toEqual({
      ok: true,
      issuer: 'https://login.acme.com',
      domainKind: 'custom-domain',
      serverKind: 'org',
    });
    expect(judgeIssuer('https://login.acme.com/oauth2/default', strict)).toMatchObject({
      ok: true,
      domainKind: 'custom-domain',
      serverKind: 'custom',
    });
  });

  it('does not take a look-alike domain for Okta', () => {
    expect(judgeIssuer('https://acme.notokta.com', strict)).toMatchObject({
      ok: true,
      domainKind: 'custom-domain',
    });
  });

  it('trims surrounding spaces', () => {
    expect(judgeIssuer('  https://acme.okta.com \n', strict)).toMatchObject({
      ok: true,
      issuer: 'https://acme.okta.com',
    });
  });
});

describe('judgeIssuer: properties', () => {
  it('never throws, and always answers a verdict with a message or an issuer', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.constantFrom('https://', 'http://[', 'https://[::1]', 'https://%', '//acme.okta.com'),
        ),
        fc.boolean(),
        (value, allowHttpLoopback) => {
          const verdict = judgeIssuer(value, { allowHttpLoopback });
          if (verdict.ok) expect(verdict.issuer).toBe(value.trim());
          else expect(verdict.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts only https (or allowed loopback http), never with query, fragment or trailing slash', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (value) => {
        const verdict = judgeIssuer(value, strict);
        if (!verdict.ok) return;
        const url = new URL(verdict.issuer);
        expect(url.protocol).toBe('https:');
        // Canonical: what discovery answers is the same string.
        expect(verdict.issuer).toBe(`${url.origin}${url.pathname === '/' ? '' : url.pathname}`);
        expect(verdict.issuer).not.toMatch(/[?#]|\/$/);
      }),
      { numRuns: 1000 },
    );
  });
});
