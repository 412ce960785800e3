import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BrowserRouter,
  Link,
  MemoryRouter,
  Navigate,
  NavLink,
  useLocation,
  useNavigate,
  useSearchParams,
} from './router';

function Where() {
  const location = useLocation();
  return (
    <output aria-label="where">
      {`${location.pathname}${location.search}${location.hash}|${JSON.stringify(location.state ?? null)}`}
    </output>
  );
}

function Filters() {
  const [params, setParams] = useSearchParams();
  return (
    <button type="button" onClick={() => setParams({ q: `${params.get('q') ?? ''}a b` })}>
      Filter
    </button>
  );
}

function Go() {
  const navigate = useNavigate();
  return (
    <>
      <button type="button" onClick={() => navigate('/activity?tab=audit')}>
        Audit
      </button>
      <button type="button" onClick={() => navigate('/users', { replace: true })}>
        Users instead
      </button>
    </>
  );
}

const where = () => screen.getByRole('status', { name: 'where' }).textContent;

afterEach(() => window.history.replaceState(null, '', '/'));

describe('router', () => {
  it('follows a link in place, and marks only the current page with aria-current', async () => {
    const user = userEvent.setup();
    render(
      <MemoryRouter initialPath="/">
        <nav>
          <NavLink to="/">Configuration</NavLink>
          <NavLink to="/users">Users</NavLink>
        </nav>
        <Where />
      </MemoryRouter>,
    );
    const home = screen.getByRole('link', { name: 'Configuration' });
    const users = screen.getByRole('link', { name: 'Users' });
    expect(home).toHaveAttribute('href', '/');
    expect(home).toHaveAttribute('aria-current', 'page');
    expect(users).not.toHaveAttribute('aria-current');

    await user.click(users);
    expect(where()).toBe('/users|null');
    expect(users).toHaveAttribute('aria-current', 'page');
    expect(home).not.toHaveAttribute('aria-current');
  });

  it('leaves a modified click (new tab, new window) to the browser', () => {
    render(
      <MemoryRouter initialPath="/">
        <Link to="/users">Users</Link>
        <Where />
      </MemoryRouter>,
    );
    const link = screen.getByRole('link', { name: 'Users' });
    // Whether the router left the click to the browser; then jsdom is stopped from "navigating".
    let leftToBrowser: boolean | undefined;
    const seen = (event: Event) => {
      leftToBrowser = !event.defaultPrevented;
      event.preventDefault();
    };
    document.addEventListener('click', seen);
    try {
      for (const modifier of ['ctrlKey', 'metaKey', 'shiftKey'] as const) {
        leftToBrowser = undefined;
        fireEvent.click(link, { [modifier]: true });
        expect(leftToBrowser).toBe(true);
      }
      expect(where()).toBe('/|null');
      fireEvent.click(link);
      expect(leftToBrowser).toBe(false);
      expect(where()).toBe('/users|null');
    } finally {
      document.removeEventListener('click', seen);
    }
  });

  it('reads and writes the query string, and a trailing slash names the same page', async () => {
    const user = userEvent.setup();
    render(
      <MemoryRouter initialPath="/users/?q=x">
        <Filters />
        <Where />
      </MemoryRouter>,
    );
    expect(where()).toBe('/users?q=x|null');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    expect(where()).toBe('/users?q=xa+b|null');
  });

  it('redirects with <Navigate>, passing state along', () => {
    render(
      <MemoryRouter initialPath="/users?page=2">
        <Navigate to="/sign-in" replace state={{ from: { pathname: '/users' } }} />
        <Where />
      </MemoryRouter>,
    );
    expect(where()).toBe('/sign-in|{"from":{"pathname":"/users"}}');
  });

  it('drives the address bar, and follows Back', async () => {
    const user = userEvent.setup();
    render(
      <BrowserRouter>
        <Go />
        <Where />
      </BrowserRouter>,
    );
    await user.click(screen.getByRole('button', { name: 'Audit' }));
    expect(window.location.pathname + window.location.search).toBe('/activity?tab=audit');
    expect(where()).toBe('/activity?tab=audit|null');

    await user.click(screen.getByRole('button', { name: 'Users instead' }));
    expect(window.location.pathname).toBe('/users');
    const length = window.history.length;

    // Back, as the browser does it: the address changes, then popstate.
    act(() => {
      window.history.replaceState(null, '', '/');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(where()).toBe('/|null');
    expect(window.history.length).toBe(length);
  });
});
