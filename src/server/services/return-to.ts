/**
 * Where a person may be sent after signing in (`/auth/okta?rd=...`): never an open redirect.
 * Allowed: a path on the console's own origin (`/x...`), or an absolute http(s) address whose
 * host (host:port) is in FORWARD_AUTH_ALLOWED_HOSTS; plain http only on loopback or when the
 * console itself is served over http. Checked with the WHATWG URL parser, as browsers read it.
 */
export const RETURN_TO_MAX_LENGTH = 2048;

export type ReturnToCheck = { ok: true; target: string } | { ok: false };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** C0 controls, space, DEL and the backslash, which browsers read as a slash. */
const unsafe = (text: string) =>
  [...text].some((ch) => ch <= ' ' || ch === '\u007f' || ch === '\\');

/** Percent-decoded once; undefined when the encoding itself is broken. */
function decoded(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The allowed hosts from FORWARD_AUTH_ALLOWED_HOSTS, or the entry that is not a host[:port]. */
export function parseAllowedHosts(
  value: string | undefined,
): { ok: true; hosts: string[] } | { ok: false; entry: string } {
  const hosts: string[] = [];
  for (const raw of (value ?? '').split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    let url: URL | undefined;
    try {
      url = new URL(`http://${entry}/`);
    } catch {
      url = undefined;
    }
    // Only host[:port]: no scheme, path, userinfo; the URL parser must give it back unchanged.
    const hostPort = url ? `${url.hostname}${url.port ? `:${url.port}` : ''}` : '';
    if (!url || unsafe(entry) || /[/@?#]/.test(entry) || hostPort !== entry) {
      return { ok: false, entry: raw.trim() };
    }
    hosts.push(entry);
  }
  return { ok: true, hosts };
}

export function checkReturnTo(
  value: string,
  options: { publicUrl: string; allowedHosts: readonly string[] },
): ReturnToCheck {
  const refused = { ok: false } as const;
  if (value === '' || value.length > RETURN_TO_MAX_LENGTH) return refused;
  const plain = decoded(value);
  // Also once decoded, so a proxy or an app that decodes again meets no surprise either.
  if (plain === undefined || unsafe(value) || unsafe(plain)) return refused;
  const base = new URL(options.publicUrl);
  if (value.startsWith('/')) {
    if (value.startsWith('//') || plain.startsWith('//')) return refused;
    let url: URL;
    try {
      url = new URL(value, base);
    } catch {
      return refused;
    }
    const target = `${url.pathname}${url.search}${url.hash}`;
    // `/..//evil.test` normalises to `//evil.test`, which a browser would read as another host.
    if (url.origin !== base.origin || target.startsWith('//')) return refused;
    return { ok: true, target };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refused;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refused;
  if (url.username !== '' || url.password !== '') return refused;
  // Only "scheme://" at the start: `https:evil.test` and the like are not taken.
  if (!value.toLowerCase().startsWith(`${url.protocol}//`)) return refused;
  const sameOrigin = url.origin === base.origin;
  if (!sameOrigin && !options.allowedHosts.includes(url.host)) return refused;
  if (url.protocol === 'http:' && base.protocol !== 'http:' && !LOOPBACK.has(url.hostname)) {
    return refused;
  }
  return { ok: true, target: url.href };
}
