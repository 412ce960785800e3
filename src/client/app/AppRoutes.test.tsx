import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../../shared/api';
import { mockBackend } from '../../testing/mock-backend';
import { apiError, handle, sentRequests, server } from '../../testing/msw';
import { renderApp } from '../../testing/render-app';

describe('routes', () => {
  it('shows the configuration page to a signed-in admin, with header and main landmarks', async () => {
    renderApp('/');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Okta single-sign on configuration' }),
    ).toBeInTheDocument();
    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Okta SSO Console')).toBeInTheDocument();
    expect(within(banner).getByText('admin@acme.example')).toBeInTheDocument();
    expect(screen.getByRole('main')).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it("sends someone without a session to the server's sign-in page, to return here", async () => {
    mockBackend.session = null;
    const { leftFor } = renderApp('/users?licence=pro');
    await waitFor(() => expect(leftFor).toEqual(['/sign-in?return=%2Fusers%3Flicence%3Dpro']));
    expect(screen.queryByRole('heading', { name: 'Users' })).not.toBeInTheDocument();
  });

  it('goes to the sign-in page when the session ends while the page is open', async () => {
    server.use(
      handle(api.getIncomingKeys, () => apiError(401, 'unauthenticated', 'Sign in to continue.')),
    );
    const { leftFor } = renderApp('/');
    await waitFor(() => expect(leftFor).toEqual(['/sign-in']));
  });

  it('signs out on the server, then opens the sign-in page, to return here', async () => {
    const { user, leftFor } = renderApp('/users');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    // Once by the button, and maybe once more by the guard, which sees nobody signed in.
    await waitFor(() => expect(new Set(leftFor)).toEqual(new Set(['/sign-in?return=%2Fusers'])));
    expect(sentRequests).toContain('DELETE /api/session');
    expect(mockBackend.session).toBeNull();
  });

  it('answers an unknown address with a small page that links home', async () => {
    renderApp('/no/such/page');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /okta single-sign on configuration/i }),
    ).toHaveAttribute('href', '/');
  });
});
