/** Where the guard sent someone from, as router state: `{ from: { pathname, search, hash } }`. */
export interface ReturnState {
  from?: { pathname?: unknown; search?: unknown; hash?: unknown };
}

/**
 * The page to open after signing in: the one the person asked for, when it is a path inside the
 * console (never another site: `//evil.example` is refused), else the main page.
 */
export function returnPathFrom(state: unknown): string {
  const from = (state as ReturnState | null)?.from;
  const pathname = typeof from?.pathname === 'string' ? from.pathname : '';
  if (!pathname.startsWith('/') || pathname.startsWith('//') || pathname === '/sign-in') return '/';
  const search = typeof from?.search === 'string' ? from.search : '';
  const hash = typeof from?.hash === 'string' ? from.hash : '';
  return `${pathname}${search}${hash}`;
}
