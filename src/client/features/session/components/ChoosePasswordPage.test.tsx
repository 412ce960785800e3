import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { adminSessionFactory } from '../../../../testing/factories';
import { MOCK_CURRENT_PASSWORD } from '../../../../testing/mock-admins';
import { mockBackend } from '../../../../testing/mock-backend';
import { sentRequests } from '../../../../testing/msw';
import { renderApp } from '../../../../testing/render-app';

describe('choose a new password (a password the console made)', () => {
  beforeEach(() => {
    mockBackend.session = adminSessionFactory({ mustChangePassword: true });
  });

  it('comes before every page, and asks for nothing else', async () => {
    renderApp('/users');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Choose a new password' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveAttribute('type', 'password');
    expect(screen.getByLabelText('New password')).toBeInTheDocument();
    expect(screen.getByLabelText('Confirm new password')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Users' })).not.toBeInTheDocument();
    expect(sentRequests.filter((r) => r !== 'GET /api/session')).toEqual([]);
  });

  it('shows the field messages, then opens the page once the password is chosen', async () => {
    const { user } = renderApp('/admins');
    await user.type(await screen.findByLabelText('Current password'), 'not it');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.type(screen.getByLabelText('Confirm new password'), 'other');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByText('Use at least 12 characters.')).toBeInTheDocument();
    expect(screen.getByText('This does not match the new password.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), 'a long passphrase of mine');
    await user.clear(screen.getByLabelText('Confirm new password'));
    await user.type(screen.getByLabelText('Confirm new password'), 'a long passphrase of mine');
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(await screen.findByText('This is not your current password.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Current password'));
    await user.type(screen.getByLabelText('Current password'), MOCK_CURRENT_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Administrators' }),
    ).toBeInTheDocument();
    expect(sentRequests).toContain('PUT /api/session/password');
  });
});
