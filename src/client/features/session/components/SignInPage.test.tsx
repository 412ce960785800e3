import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../../../shared/api';
import { mockBackend } from '../../../../testing/mock-backend';
import { apiError, handle, server } from '../../../../testing/msw';
import { renderApp } from '../../../../testing/render-app';

describe('sign-in page', () => {
  beforeEach(() => {
    mockBackend.session = null;
  });

  async function fillIn(user: ReturnType<typeof renderApp>['user']) {
    await user.type(await screen.findByLabelText('Email'), 'admin@acme.example');
    await user.type(screen.getByLabelText('Password'), 'not-the-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
  }

  it('has a heading and labelled fields', async () => {
    renderApp('/sign-in');
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent(/sign in/i);
    expect(screen.getByLabelText('Email')).toHaveAttribute('type', 'email');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
  });

  it('says the pair is wrong when the server answers 401', async () => {
    server.use(
      handle(api.signIn, () =>
        apiError(401, 'unauthenticated', 'The email and password do not match.'),
      ),
    );
    const { user } = renderApp('/sign-in');
    await fillIn(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The email and password do not match.',
    );
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it("shows the server's wait message after too many failures", async () => {
    server.use(
      handle(api.signIn, () =>
        apiError(429, 'rate_limited', 'Too many failed sign-ins. Try again in 42 seconds.'),
      ),
    );
    const { user } = renderApp('/sign-in');
    await fillIn(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many failed sign-ins. Try again in 42 seconds.',
    );
  });

  it('asks for both fields before sending anything', async () => {
    const { user } = renderApp('/sign-in');
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your email.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(mockBackend.session).toBeNull();
  });

  it('opens the page the admin wanted after signing in', async () => {
    const { user } = renderApp('/');
    await fillIn(user);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Okta single-sign on configuration' }),
    ).toBeInTheDocument();
  });

  it('shows and hides the password with a labelled toggle', async () => {
    const { user } = renderApp('/sign-in');
    const password = await screen.findByLabelText('Password');
    await user.click(screen.getByRole('button', { name: 'Show characters' }));
    expect(password).toHaveAttribute('type', 'text');
    await user.click(screen.getByRole('button', { name: 'Hide characters' }));
    expect(password).toHaveAttribute('type', 'password');
  });
});
