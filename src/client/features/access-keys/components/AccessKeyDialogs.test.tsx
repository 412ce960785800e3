import { screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../../../../shared/api';
import { accessKeyFactory, accessKeyListFactory } from '../../../../testing/factories';
import { mockBackend } from '../../../../testing/mock-backend';
import { apiError, handle, sentRequests, server } from '../../../../testing/msw';
import { cachedText, renderApp } from '../../../../testing/render-app';

async function openCreateDialog() {
  const view = renderApp('/');
  const button = await screen.findByRole('button', { name: 'Create access key' });
  await waitFor(() => expect(button).toBeEnabled());
  await view.user.click(button);
  const dialog = await screen.findByRole('dialog', { name: 'Create access key' });
  return { ...view, dialog, button };
}

describe('Create access key dialog', () => {
  it('creates the key on confirm and shows it once; closing forgets it', async () => {
    const { user, dialog, queryClient } = await openCreateDialog();
    expect(within(dialog).queryByLabelText('Access key')).not.toBeInTheDocument();
    expect(sentRequests).not.toContain('POST /api/access-keys');

    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    const field = await within(dialog).findByLabelText('Access key');
    const secret = (field as HTMLInputElement).value;
    expect(secret).toMatch(/^osc_scim_[A-Za-z0-9_-]{51}$/);
    expect(field).toHaveAttribute('readonly');
    expect(field).toHaveFocus();
    expect(within(dialog).getByText(/will not be shown again/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Copy access key' }));
    expect(await navigator.clipboard.readText()).toBe(secret);

    // The list behind the dialog (hidden from the accessibility tree meanwhile) shows its prefix.
    const table = screen.getByRole('table', { name: 'Access keys', hidden: true });
    expect(await within(table).findByText(`${secret.slice(0, 17)}…`)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitForElementToBeRemoved(dialog);
    expect(screen.getByRole('button', { name: 'Create access key' })).toHaveFocus();

    // Nowhere in TanStack Query: no query holds it, the mutation is gone from the cache.
    const cached = cachedText(queryClient);
    expect(cached).not.toContain(secret);

    await user.click(screen.getByRole('button', { name: 'Create access key' }));
    const again = await screen.findByRole('dialog', { name: 'Create access key' });
    expect(within(again).queryByLabelText('Access key')).not.toBeInTheDocument();
    expect(within(again).getByRole('button', { name: 'Create' })).toBeInTheDocument();
    expect(again).not.toHaveTextContent(secret);
  });

  it('Cancel closes without creating a key', async () => {
    const { user, dialog } = await openCreateDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitForElementToBeRemoved(dialog);
    expect(sentRequests).not.toContain('POST /api/access-keys');
  });

  it("shows the server's message when two keys are already active", async () => {
    mockBackend.accessKeys = accessKeyListFactory([accessKeyFactory(), accessKeyFactory()]);
    const { user, dialog, button } = await openCreateDialog();
    expect(button).toHaveAccessibleDescription(/Revoke one before creating another/);
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      '2 access keys are already active. Revoke one before creating another.',
    );
    expect(within(dialog).queryByLabelText('Access key')).not.toBeInTheDocument();
  });

  it('shows a 409 that the list did not foresee', async () => {
    const message = 'Another admin just created a key. Revoke one before creating another.';
    server.use(handle(api.createAccessKey, () => apiError(409, 'conflict', message)));
    const { user, dialog } = await openCreateDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
  });
});

describe('Revoke access key', () => {
  async function openRevokeDialog() {
    mockBackend.accessKeys = accessKeyListFactory([
      accessKeyFactory({ prefix: 'osc_scim_Newer001' }),
      accessKeyFactory({ prefix: 'osc_scim_Older001', safeToRevoke: true }),
    ]);
    const view = renderApp('/');
    await view.user.click(await screen.findByRole('button', { name: 'Revoke osc_scim_Older001…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke access key?' });
    return { ...view, dialog };
  }

  it('asks first, and Cancel sends nothing', async () => {
    const { user, dialog } = await openRevokeDialog();
    expect(dialog).toHaveTextContent('osc_scim_Older001…');
    expect(dialog).toHaveTextContent(/get 401 from the next request on/);
    expect(sentRequests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitForElementToBeRemoved(dialog);
    expect(sentRequests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
    expect(mockBackend.accessKeys.keys.every((k) => k.active)).toBe(true);
  });

  it('sends DELETE only after "Revoke", then the list shows the key revoked', async () => {
    const { user, dialog } = await openRevokeDialog();
    const older = mockBackend.accessKeys.keys[1];
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitForElementToBeRemoved(dialog);
    expect(sentRequests).toContain(`DELETE /api/access-keys/${older?.id}`);
    const table = screen.getByRole('table', { name: 'Access keys' });
    const row = within(table).getByText('osc_scim_Older001…').closest('tr') as HTMLElement;
    expect(within(row).getByText('Revoked')).toBeInTheDocument();
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
    expect(await screen.findByText('Access key osc_scim_Older001… revoked.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create access key' })).toHaveFocus();
  });

  it('shows why revoking failed, and keeps the dialog open', async () => {
    const { user, dialog } = await openRevokeDialog();
    server.use(
      handle(api.revokeAccessKey, () =>
        apiError(404, 'not_found', 'There is no access key with this id.'),
      ),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'There is no access key with this id.',
    );
  });
});
