import { screen, waitForElementToBeRemoved, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockBackend } from '../../../../testing/mock-backend';
import { sentRequests } from '../../../../testing/msw';
import { cachedText, renderApp } from '../../../../testing/render-app';

describe('API keys section', () => {
  it('creates a read-only key shown once, and revokes it after asking', async () => {
    const { user, queryClient } = renderApp('/applications');
    const table = await screen.findByRole('table', { name: 'API keys' });
    expect(table).toHaveTextContent('No API keys yet.');
    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create API key' });
    const name = within(dialog).getByLabelText('Name');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(name).toHaveAccessibleDescription('Name the key, for example "Billing backend".');
    expect(sentRequests).not.toContain('POST /api/api-keys');
    await user.type(name, 'Billing backend');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    const key = await within(dialog).findByLabelText('API key');
    expect(key).toHaveValue(`osc_api_AbC12xYz${'q'.repeat(43)}`);
    expect(dialog).toHaveTextContent(/keeps only a hash of it/);
    expect(await within(table).findByText('Billing backend')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitForElementToBeRemoved(dialog);
    expect(cachedText(queryClient)).not.toContain('q'.repeat(43));

    await user.click(within(table).getByRole('button', { name: 'Revoke Billing backend' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke API key?' });
    expect(sentRequests).not.toContain('DELETE /api/api-keys/1');
    await user.click(within(confirm).getByRole('button', { name: 'Revoke' }));
    await waitForElementToBeRemoved(confirm);
    expect(await within(table).findByText('Revoked')).toBeInTheDocument();
    expect(mockBackend.apiKeys[0]?.active).toBe(false);
  });
});
