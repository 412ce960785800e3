import { screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  applicationFactory,
  MOCK_CLIENT_SECRET,
  MOCK_ISSUER,
} from '../../../../testing/mock-applications';
import { mockBackend } from '../../../../testing/mock-backend';
import { sentRequests } from '../../../../testing/msw';
import { cachedText, renderApp } from '../../../../testing/render-app';

async function openPage() {
  mockBackend.applications = [applicationFactory()];
  const view = renderApp('/applications');
  const table = await screen.findByRole('table', { name: 'Applications' });
  return { ...view, table };
}

describe('Applications page', () => {
  it('shows the issuer, discovery URL and each client ID with copy buttons', async () => {
    const { user, table } = await openPage();
    expect(screen.getByRole('heading', { level: 1, name: 'Applications' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Applications' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Configuration', 'Users', 'Activity', 'Applications', 'Webhooks', 'Administrators']);
    expect(screen.getByText(MOCK_ISSUER)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy discovery URL' }));
    expect(await navigator.clipboard.readText()).toBe(
      `${MOCK_ISSUER}/.well-known/openid-configuration`,
    );
    await user.click(within(table).getByRole('button', { name: 'Copy client ID of Time tracker' }));
    expect(await navigator.clipboard.readText()).toBe('osc_app_AAAAAAAAAAAAAAAA');
  });

  it('adds an application: fields checked, the server refusal on its field, the secret once', async () => {
    const { user, queryClient } = await openPage();
    await user.click(screen.getByRole('button', { name: 'Add application' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add application' });
    const name = within(dialog).getByLabelText('Name');
    const redirects = within(dialog).getByLabelText('Redirect URIs');

    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(name).toHaveAccessibleDescription('Enter a name, for example Time tracker.');
    expect(redirects).toHaveAccessibleDescription('Enter at least one redirect URI.');
    // Pasted, as people put addresses in: typing each character would only slow the test.
    await user.click(name);
    await user.paste('Wiki');
    await user.click(redirects);
    await user.paste('https://wiki.acme.example/cb\nnot an address');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(redirects).toHaveAccessibleDescription(
      'Line 2: Enter a full address, for example https://app.example.com/callback.',
    );
    expect(sentRequests).not.toContain('POST /api/applications');

    // http passes the form; the server refuses it, and says so on the field.
    await user.clear(redirects);
    await user.paste('http://wiki.acme.example/cb');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(redirects).toHaveAccessibleDescription('Use an https address.'));
    expect(redirects).toHaveFocus();

    await user.clear(redirects);
    await user.paste('https://wiki.acme.example/cb');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    const secret = await within(dialog).findByLabelText('Client secret');
    expect(secret).toHaveValue(MOCK_CLIENT_SECRET);
    expect(dialog).toHaveTextContent(/will not be shown again/);
    await user.click(within(dialog).getByRole('button', { name: 'Copy client secret' }));
    expect(await navigator.clipboard.readText()).toBe(MOCK_CLIENT_SECRET);
    const table = screen.getByRole('table', { name: 'Applications', hidden: true });
    expect(await within(table).findByText('Wiki')).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitForElementToBeRemoved(dialog);
    expect(cachedText(queryClient)).not.toContain(MOCK_CLIENT_SECRET);
  });

  it('rotates a secret with the chosen grace period, showing the new one once', async () => {
    const { user, table, queryClient } = await openPage();
    await user.click(within(table).getByRole('button', { name: 'Rotate secret of Time tracker' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate the secret of Time tracker' });
    const group = within(dialog).getByRole('radiogroup', {
      name: 'The old secret keeps working for',
    });
    expect(within(group).getByRole('radio', { name: '24 hours' })).toBeChecked();
    await user.click(within(group).getByRole('radio', { name: '7 days' }));
    await user.click(within(dialog).getByRole('button', { name: 'Rotate secret' }));
    const secret = await within(dialog).findByLabelText('Client secret');
    expect(secret).toHaveValue(`${MOCK_CLIENT_SECRET}-rotated`);
    await waitFor(() => expect(table).toHaveTextContent(/Old secret works until/));
    const until = mockBackend.applications[0]?.previousSecretValidUntil ?? '';
    expect(Date.parse(until) - Date.now()).toBeGreaterThan(167 * 3600_000);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitForElementToBeRemoved(dialog);
    expect(cachedText(queryClient)).not.toContain(MOCK_CLIENT_SECRET);
  });

  it('removes an application after asking, also after another dialog was open', async () => {
    const { user, table } = await openPage();
    // Each dialog keeps its own identity: a rotation first must not break the removal.
    await user.click(within(table).getByRole('button', { name: 'Rotate secret of Time tracker' }));
    const rotate = await screen.findByRole('dialog', { name: 'Rotate the secret of Time tracker' });
    await user.click(within(rotate).getByRole('button', { name: 'Cancel' }));
    await waitForElementToBeRemoved(rotate);
    await user.click(within(table).getByRole('button', { name: 'Remove Time tracker' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove application?' });
    expect(sentRequests.some((r) => r.startsWith('DELETE'))).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitForElementToBeRemoved(dialog);
    expect(await screen.findByText('Time tracker removed.')).toBeInTheDocument();
    expect(await screen.findByText(/No application yet/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add application' })).toHaveFocus();
  });
});
