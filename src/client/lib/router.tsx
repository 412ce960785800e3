/**
 * The console's router: four pages, links, redirects and query strings, in about 2 KB.
 *
 * react-router did this job, but it was 38 KB of the first load that every page pays for (about
 * 13 KB gzip, the difference between the main page fitting its 200 KB budget and not). The
 * console needs only what is here: a location from the History API (or from memory in tests),
 * exact-path pages chosen by the caller, `<Link>`, `<NavLink>` (aria-current="page"),
 * `<Navigate>`, `useLocation`, `useNavigate` and `useSearchParams`.
 */
import {
  type AnchorHTMLAttributes,
  createContext,
  type MouseEvent,
  type ReactNode,
  type Ref,
  use,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';

export interface Location {
  pathname: string;
  search: string;
  hash: string;
  /** What the page that navigated here passed along (`navigate(to, { state })`). */
  state: unknown;
}

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

export type NavigateFunction = (to: string, options?: NavigateOptions) => void;

interface History {
  location(): Location;
  go(to: string, options?: NavigateOptions): void;
  /** Leaves the app for a page the server renders (the sign-in page): a full page load. */
  leave(to: string): void;
  subscribe(onChange: () => void): () => void;
}

/** `/users/` is the page `/users`; the root stays `/`. */
function normalise(pathname: string): string {
  return pathname.length > 1 && pathname.endsWith('/') ? pathname.replace(/\/+$/, '') : pathname;
}

function parse(to: string, state: unknown): Location {
  const url = new URL(to, 'http://console.invalid');
  return { pathname: normalise(url.pathname), search: url.search, hash: url.hash, state };
}

function browserHistory(): History {
  const listeners = new Set<() => void>();
  let current: Location | undefined;
  const read = (): Location => {
    const { pathname, search, hash } = window.location;
    const state = (window.history.state as { usr?: unknown } | null)?.usr;
    if (
      !current ||
      current.pathname !== normalise(pathname) ||
      current.search !== search ||
      current.hash !== hash ||
      current.state !== state
    ) {
      current = { pathname: normalise(pathname), search, hash, state };
    }
    return current;
  };
  const notify = () => {
    for (const listener of listeners) listener();
  };
  return {
    location: read,
    go(to, { replace = false, state } = {}) {
      const method = replace ? 'replaceState' : 'pushState';
      window.history[method]({ usr: state }, '', to);
      notify();
    },
    leave(to) {
      window.location.replace(to);
    },
    subscribe(onChange) {
      listeners.add(onChange);
      if (listeners.size === 1) window.addEventListener('popstate', notify);
      return () => {
        listeners.delete(onChange);
        if (listeners.size === 0) window.removeEventListener('popstate', notify);
      };
    },
  };
}

function memoryHistory(initial: string, onLeave?: (to: string) => void): History {
  const listeners = new Set<() => void>();
  let current = parse(initial, undefined);
  const go: History['go'] = (to, { state } = {}) => {
    current = parse(new URL(to, `http://console.invalid${current.pathname}`).href, state);
    for (const listener of listeners) listener();
  };
  return {
    location: () => current,
    go,
    leave: (to) => (onLeave ? onLeave(to) : go(to, { replace: true })),
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
}

interface RouterValue {
  location: Location;
  navigate: NavigateFunction;
  leave: (to: string) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

function Router({ history, children }: { history: History; children: ReactNode }) {
  const location = useSyncExternalStore(history.subscribe, history.location, history.location);
  const value = useMemo(
    () => ({ location, navigate: history.go, leave: history.leave }),
    [location, history],
  );
  return <RouterContext value={value}>{children}</RouterContext>;
}

/** The app in a browser: the address bar is the location. */
export function BrowserRouter({ children }: { children: ReactNode }) {
  const [history] = useState(browserHistory);
  return <Router history={history}>{children}</Router>;
}

/**
 * The app in a test: the location lives in memory, starting at `initialPath`. Leaving for a
 * server page calls `onLeave` (the test sees where to), else moves there in memory.
 */
export function MemoryRouter({
  initialPath = '/',
  onLeave,
  children,
}: {
  initialPath?: string;
  onLeave?: (to: string) => void;
  children: ReactNode;
}) {
  const [history] = useState(() => memoryHistory(initialPath, onLeave));
  return <Router history={history}>{children}</Router>;
}

function useRouter(): RouterValue {
  const router = use(RouterContext);
  if (!router) throw new Error('useLocation, useNavigate and <Link> need a <BrowserRouter>');
  return router;
}

export function useLocation(): Location {
  return useRouter().location;
}

export function useNavigate(): NavigateFunction {
  return useRouter().navigate;
}

/** Leaves the app for a page the server renders, with a full page load (`location.replace`). */
export function useLeave(): (to: string) => void {
  return useRouter().leave;
}

/**
 * The query string, and a setter that replaces it (a new history entry unless `replace`), as
 * react-router's hook of the same name.
 */
export function useSearchParams(): [
  URLSearchParams,
  (next: URLSearchParams | Record<string, string>, options?: NavigateOptions) => void,
] {
  const { location, navigate } = useRouter();
  const params = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const set = (next: URLSearchParams | Record<string, string>, options?: NavigateOptions) => {
    const search = new URLSearchParams(next).toString();
    navigate(`${location.pathname}${search ? `?${search}` : ''}`, options);
  };
  return [params, set];
}

/** Sends the browser to `to` once rendered, as a redirect. */
export function Navigate({ to, replace, state }: { to: string } & NavigateOptions) {
  const navigate = useNavigate();
  useEffect(() => navigate(to, { replace, state }), [navigate, to, replace, state]);
  return null;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: string;
  replace?: boolean;
  ref?: Ref<HTMLAnchorElement>;
};

/** A real link (it opens in a new tab, copies, and works without this router), followed in place. */
export function Link({ to, replace, onClick, target, ...rest }: LinkProps) {
  const navigate = useNavigate();
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const modified = event.metaKey || event.altKey || event.ctrlKey || event.shiftKey;
    if (event.defaultPrevented || event.button !== 0 || modified) return;
    if (target && target !== '_self') return;
    event.preventDefault();
    navigate(to, { replace });
  };
  return <a {...rest} href={to} target={target} onClick={follow} />;
}

/** A link that marks itself `aria-current="page"` on its own page (exactly that path). */
export function NavLink(props: LinkProps) {
  const { pathname } = useLocation();
  const current = normalise(new URL(props.to, 'http://console.invalid').pathname) === pathname;
  return <Link {...props} aria-current={current ? 'page' : undefined} />;
}
