import { screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminViewFactory } from '../../../../testing/factories';
import { MOCK_CURRENT_PASSWORD } from '../../../../testing/mock-admins';
import { mockBackend } from '../../../../testing/mock-backend';
import { sentRequests } from '../../../../testing/msw';
import { cachedText, renderApp } from '../../../../testing/render-app';

async function openPage() {
  mockBackend.admins = [
    adminViewFactory(),
    adminViewFactory({ id: 2, email: 'grace@acme.example', you: false, activeSessions: 0 }),
  ];
  const view = renderApp('/admins');
  const table = await screen.findByRole('table', { name: 'Console administrators' });
  return { ...view, table };
}

describe('Administrators page', () => {
  it('lists the administrators, marks you, and offers Remove on the others only', async () => {
    const { table } = await openPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Administrators' })).toBeInTheDocument();
    const [, you, grace] = within(table).getAllByRole('row');
    expect(you).toHaveTextContent(/admin@acme\.example\s*You.*Signed in \(1 session\)/);
    expect(within(you as HTMLElement).queryByRole('button')).not.toBeInTheDocument();
    expect(grace).toHaveTextContent(/grace@acme\.example.*Not signed in/);
    expect(
      within(grace as HTMLElement).getByRole('button', { name: 'Remove grace@acme.example' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Administrators' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('adds an administrator: the email is checked first, then the first password is shown once', async () => {
    const { user, queryClient } = await openPage();
    await user.click(screen.getByRole('button', { name: 'Add administrator' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add administrator' });
    const email = within(dialog).getByLabelText('Email');

    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(email).toHaveAccessibleDescription('Enter an email address.');
    await user.type(email, 'lin');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(email).toHaveAccessibleDescription('Enter an email address, for example jane@acme.com.');
    expect(sentRequests).not.toContain('POST /api/admins');

    // The server's refusal lands on the field.
    await user.clear(email);
    await user.type(email, 'GRACE@acme.example');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(email).toHaveAccessibleDescription('grace@acme.example is already an administrator.'),
    );
    expect(email).toHaveFocus();

    await user.clear(email);
    await user.type(email, 'lin@acme.example');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    const password = await within(dialog).findByLabelText('First password');
    expect(password).toHaveValue('FirstPassword-shown-once');
    expect(password).toHaveFocus();
    expect(dialog).toHaveTextContent(/will not be shown again/);
    expect(dialog).toHaveTextContent(/Give it to lin@acme\.example/);
    const table = screen.getByRole('table', { name: 'Console administrators', hidden: true });
    expect(await within(table).findByText('lin@acme.example')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitForElementToBeRemoved(dialog);
    const cached = cachedText(queryClient);
    expect(cached).not.toContain('FirstPassword-shown-once');
    expect(screen.getByRole('button', { name: 'Add administrator' })).toHaveFocus();
  });

  it('removes another administrator after asking', async () => {
    const { user, table } = await openPage();
    await user.click(within(table).getByRole('button', { name: 'Remove grace@acme.example' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove administrator?' });
    expect(dialog).toHaveTextContent('grace@acme.example can no longer sign in to this console');
    expect(sentRequests).not.toContain('DELETE /api/admins/2');
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitForElementToBeRemoved(dialog);
    expect(await screen.findByText('grace@acme.example removed.')).toBeInTheDocument();
    await waitFor(() => expect(table).not.toHaveTextContent('grace@acme.example'));
    expect(screen.getByRole('button', { name: 'Add administrator' })).toHaveFocus();
  });

  it('changes your password: judged in the form first, the wrong current one on its field', async () => {
    const { user } = await openPage();
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change password' });
    const current = within(dialog).getByLabelText('Current password');
    const next = within(dialog).getByLabelText('New password');
    const confirm = within(dialog).getByLabelText('Confirm new password');
    expect(current).toHaveFocus();
    expect(current).toHaveAttribute('autocomplete', 'current-password');
    expect(next).toHaveAttribute('autocomplete', 'new-password');

    await user.type(current, 'a wrong guess');
    await user.type(next, 'too short');
    await user.type(confirm, 'something else');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(next).toHaveAccessibleDescription('Use at least 12 characters.');
    expect(confirm).toHaveAccessibleDescription('This does not match the new password.');
    expect(sentRequests).not.toContain('PUT /api/session/password');

    await user.clear(next);
    await user.type(next, 'four unrelated words here');
    await user.clear(confirm);
    await user.type(confirm, 'four unrelated words here');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(current).toHaveAccessibleDescription('This is not your current password.'),
    );
    expect(current).toHaveFocus();

    await user.clear(current);
    await user.type(current, MOCK_CURRENT_PASSWORD);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitForElementToBeRemoved(dialog);
    expect(
      await screen.findByText('Password changed. Your other sessions have ended.'),
    ).toBeInTheDocument();
  });
});
