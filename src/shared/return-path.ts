/** Where the sign-in page sends the admin afterwards: `/sign-in?return=/users%3Fpage%3D2`. */
export const RETURN_PARAM = 'return';

/**
 * The page to open after signing in: the one the person asked for, when it is a path inside the
 * console (never another site: `//evil.example` and `/\evil.example` are refused), else the main
 * page. Read by the server's sign-in page and the console's session guard alike.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // No control characters (a newline in a Location header, a tab browsers drop from URLs).
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/';
  const pathname = value.split(/[?#]/)[0];
  return pathname === '/sign-in' ? '/' : value;
}

/** The sign-in page's address that returns to `path` afterwards. */
export function signInPath(path: string): string {
  const back = safeReturnPath(path);
  return back === '/' ? '/sign-in' : `/sign-in?${RETURN_PARAM}=${encodeURIComponent(back)}`;
}
