/**
 * Judges an Issuer URI the way Okta's own validator does, with one message per common mistake.
 * Pure, so the dialog can answer before any request and the server can apply the same rules.
 */

/** Okta's domain families (commercial, preview, EMEA, government and military clouds). */
export const OKTA_DOMAIN_FAMILIES = [
  'okta.com',
  'oktapreview.com',
  'okta-emea.com',
  'okta-gov.com',
  'okta.mil',
  'okta-miltest.com',
  'trex-gov.com',
  'trexcloud.com',
] as const;

export type DomainKind = 'okta' | 'custom-domain' | 'loopback';
export type ServerKind = 'org' | 'custom';

export type IssuerVerdict =
  | { ok: true; issuer: string; domainKind: DomainKind; serverKind: ServerKind }
  | { ok: false; message: string };

export const ISSUER_EXAMPLE = 'https://acme.okta.com';
export const MAX_ISSUER_LENGTH = 2048;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const AUTH_SERVER_PATH = /^\/oauth2\/[A-Za-z0-9_-]+$/;

function oktaFamilyOf(host: string): string | undefined {
  return OKTA_DOMAIN_FAMILIES.find((family) => host === family || host.endsWith(`.${family}`));
}

function fail(message: string): IssuerVerdict {
  return { ok: false, message };
}

export function isLoopbackHttpIssuer(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

export interface IssuerRules {
  /** `ALLOW_HTTP_LOOPBACK_ISSUER=1`: accept http://127.0.0.1:* and http://localhost:* (tests, demos). */
  allowHttpLoopback: boolean;
}

export function judgeIssuer(raw: string, rules: IssuerRules): IssuerVerdict {
  const value = raw.trim();
  if (value === '') return fail('Enter the Issuer URI from the Okta API page.');
  if (value.length > MAX_ISSUER_LENGTH) return fail('This is too long to be an Issuer URI.');
  if (/[{}]|yourOktaDomain/i.test(value)) {
    return fail(`Replace the placeholder with your Okta domain, for example ${ISSUER_EXAMPLE}.`);
  }
  if (/\s/.test(value)) return fail('Remove the spaces: an Issuer URI has none.');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/.*)?$/i.test(value)) {
      return fail(`Start with https://, for example https://${value}.`);
    }
    return fail(`This is not a URL. Enter the Issuer URI, for example ${ISSUER_EXAMPLE}.`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`This is not a URL. Enter the Issuer URI, for example ${ISSUER_EXAMPLE}.`);
  }
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol === 'http:' && !(loopback && rules.allowHttpLoopback)) {
    return fail('Okta issuers use https://. Change http:// to https://.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail('The Issuer URI must start with https://.');
  }
  if (url.username || url.password) return fail('Remove the user name and password from the URL.');
  if (url.search || value.includes('?')) {
    return fail('Remove the query (the part from "?"): the Issuer URI has none.');
  }
  if (url.hash || value.includes('#')) {
    return fail('Remove the fragment (the part from "#"): the Issuer URI has none.');
  }
  if (value.endsWith('/')) {
    return fail(
      'Remove the trailing slash. Okta\'s issuer has no "/" at the end, and a mismatch breaks sign-in.',
    );
  }
  const host = url.hostname.toLowerCase();
  if (host.endsWith('.')) return fail('Remove the dot at the end of the domain.');
  if (/\.com\.com$/.test(host)) return fail('The domain ends in ".com.com": check it for a typo.');
  const family = oktaFamilyOf(host);
  const firstLabel = host.split('.')[0] ?? '';
  if (family && firstLabel.endsWith('-admin')) {
    const org = firstLabel.slice(0, -'-admin'.length);
    return fail(
      `${host} is the Okta Admin Console. Use your org's domain without "-admin": https://${org}.${family}.`,
    );
  }
  if (family && host === family) {
    return fail(`Include your org's subdomain, for example https://acme.${family}.`);
  }
  const path = url.pathname === '/' ? '' : url.pathname;
  if (path !== '' && !AUTH_SERVER_PATH.test(path)) {
    return fail(
      `Use the issuer itself: ${url.origin} or ${url.origin}/oauth2/<server id>, as the Okta API page shows it.`,
    );
  }
  // Discovery must answer this exact string. `HTTPS://ACME.okta.com`, `:443`, a backslash or
  // `/./` would fetch the right document and then fail as an issuer mismatch.
  const canonical = `${url.origin}${path}`;
  if (canonical !== value) {
    return fail(`Write the Issuer URI exactly as Okta shows it: ${canonical}`);
  }
  const serverKind: ServerKind = path === '' ? 'org' : 'custom';
  const domainKind: DomainKind = loopback ? 'loopback' : family ? 'okta' : 'custom-domain';
  return { ok: true, issuer: value, domainKind, serverKind };
}
