import { screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockBackend } from '../../../../testing/mock-backend';
import { deliveryFactory, webhookFactory } from '../../../../testing/mock-webhooks';
import { sentRequests } from '../../../../testing/msw';
import { cachedText, renderApp } from '../../../../testing/render-app';

async function openPage() {
  const view = renderApp('/webhooks');
  const table = await screen.findByRole('table', { name: 'Endpoints' });
  return { ...view, table };
}

describe('Webhooks page', () => {
  it('adds an endpoint: checked in the form, the server refusal on the URL, then the secret once', async () => {
    const { user, queryClient, table } = await openPage();
    expect(screen.getByRole('link', { name: 'Webhooks' })).toHaveAttribute('aria-current', 'page');
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add endpoint' });
    const url = within(dialog).getByLabelText('Endpoint URL');
    expect(url).toHaveFocus();

    await user.type(url, 'not a url');
    await user.click(within(dialog).getByRole('checkbox', { name: 'User created' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(url).toHaveAccessibleDescription(
      'Enter a URL such as https://app.example.com/webhooks/okta.',
    );
    expect(sentRequests).not.toContain('POST /api/webhooks');

    await user.clear(url);
    await user.type(url, 'https://10.0.0.5/hooks');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    await waitFor(() => expect(url).toHaveAccessibleDescription(/private-network address/));

    // Every event type unticked: the group says so.
    for (const box of within(dialog).getAllByRole('checkbox', { checked: true }))
      await user.click(box);
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    expect(await within(dialog).findByText('Choose at least one event type.')).toBeInTheDocument();
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Licence changed (Basic, Pro, none)' }),
    );

    await user.clear(url);
    await user.type(url, 'https://app.acme.example/hooks');
    await user.click(within(dialog).getByRole('button', { name: 'Add endpoint' }));
    const secret = await within(dialog).findByLabelText('Signing secret');
    expect(secret).toHaveValue('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(dialog).toHaveTextContent(/keeps it encrypted, only to sign deliveries/);
    expect(await within(table).findByText('https://app.acme.example/hooks')).toBeInTheDocument();
    expect(mockBackend.webhooks[0]?.eventTypes).toEqual(['user.licence_changed']);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitForElementToBeRemoved(dialog);
    expect(cachedText(queryClient)).not.toContain('whsec_MfKQ9r8');
  });

  it('shows the delivery log, sends a test event and resends', async () => {
    mockBackend.webhooks = [webhookFactory()];
    mockBackend.deliveries = {
      1: [
        deliveryFactory({
          id: 2,
          eventId: 'evt_two',
          status: 'pending',
          attempts: 3,
          lastStatus: 500,
          lastError: 'The receiver answered 500.',
          nextAttemptAt: '2026-12-04T10:05:00.000Z',
        }),
        deliveryFactory({ id: 1, eventId: 'evt_one' }),
      ],
    };
    const { user, table } = await openPage();
    await user.click(
      within(table).getByRole('button', {
        name: 'Deliveries of https://app.acme.example/webhooks',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Deliveries to https://app.acme.example/webhooks',
    });
    const log = await within(dialog).findByRole('table', { name: 'Delivery log' });
    const [, retrying, delivered] = within(log).getAllByRole('row');
    expect(retrying).toHaveTextContent(/evt_two.*Retrying.*3.*500.*The receiver answered 500\./);
    expect(delivered).toHaveTextContent(/evt_one.*Delivered.*1.*200 · 12 ms/);
    await user.click(
      within(dialog).getByRole('button', { name: 'Resend user.licence_changed evt_one' }),
    );
    await waitFor(() => expect(sentRequests).toContain('POST /api/webhooks/1/deliveries/1/resend'));

    await user.click(within(dialog).getByRole('button', { name: 'Send test event' }));
    expect(await within(dialog).findByText(/Test event queued/)).toBeInTheDocument();
    expect(await within(log).findByText('webhook.test')).toBeInTheDocument();
  });

  it('pages the delivery log on the server, and goes back to the first page for a test event', async () => {
    mockBackend.webhooks = [webhookFactory()];
    mockBackend.deliveries = {
      1: Array.from({ length: 60 }, (_, i) =>
        deliveryFactory({ id: 60 - i, eventId: `evt_${String(60 - i).padStart(2, '0')}` }),
      ),
    };
    const { user, table } = await openPage();
    await user.click(
      within(table).getByRole('button', {
        name: 'Deliveries of https://app.acme.example/webhooks',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Deliveries to https://app.acme.example/webhooks',
    });
    const log = await within(dialog).findByRole('table', { name: 'Delivery log' });
    expect(within(dialog).getByText('1–25 of 60')).toBeInTheDocument();
    expect(within(log).getAllByRole('row')).toHaveLength(26);
    expect(within(log).getAllByRole('row')[1]).toHaveTextContent('evt_60');

    await user.click(within(dialog).getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(within(log).getAllByRole('row')[1]).toHaveTextContent('evt_35'));
    expect(within(dialog).getByText('26–50 of 60')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(within(dialog).getByText('51–60 of 60')).toBeInTheDocument());
    expect(within(log).getAllByRole('row')).toHaveLength(11);
    expect(within(dialog).getByRole('button', { name: 'Go to next page' })).toBeDisabled();

    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Deliveries per page' }),
      '100',
    );
    await waitFor(() => expect(within(log).getAllByRole('row')).toHaveLength(61));
    expect(within(dialog).getByText('1–60 of 60')).toBeInTheDocument();

    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Deliveries per page' }),
      '25',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(within(dialog).getByText('26–50 of 60')).toBeInTheDocument());
    await user.click(within(dialog).getByRole('button', { name: 'Send test event' }));
    await waitFor(() => expect(within(dialog).getByText('1–25 of 61')).toBeInTheDocument());
    expect(await within(log).findByText('webhook.test')).toBeInTheDocument();
  });

  it('disables, enables and removes an endpoint after asking', async () => {
    mockBackend.webhooks = [webhookFactory({ pending: 2 })];
    const { user, table } = await openPage();
    await user.click(
      within(table).getByRole('button', { name: 'Disable https://app.acme.example/webhooks' }),
    );
    expect(await within(table).findByText('Disabled')).toBeInTheDocument();
    await user.click(
      within(table).getByRole('button', { name: 'Enable https://app.acme.example/webhooks' }),
    );
    expect(await within(table).findByText('Enabled')).toBeInTheDocument();

    await user.click(
      within(table).getByRole('button', { name: 'Remove https://app.acme.example/webhooks' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Remove endpoint?' });
    expect(dialog).toHaveTextContent('with 2 deliveries not sent yet');
    expect(sentRequests).not.toContain('DELETE /api/webhooks/1');
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitForElementToBeRemoved(dialog);
    expect(await within(table).findByText(/No endpoints yet/)).toBeInTheDocument();
  });

  it('tells on the main page which endpoint the console disabled, and why', async () => {
    mockBackend.webhooks = [
      webhookFactory({
        enabled: false,
        disabledReason:
          'Deliveries kept failing for 72 hours, so the console disabled this endpoint.',
      }),
    ];
    renderApp('/');
    const alert = await screen.findByText('A webhook endpoint was disabled');
    expect(alert.closest('[role="alert"]')).toHaveTextContent(
      /app\.acme\.example.*kept failing for 72 hours/,
    );
    expect(screen.getByRole('link', { name: 'Webhooks page' })).toHaveAttribute(
      'href',
      '/webhooks',
    );
  });

  it('opens Remove after the delivery log was open (each dialog loads in its own boundary)', async () => {
    mockBackend.webhooks = [webhookFactory()];
    const { user, table } = await openPage();
    await user.click(within(table).getByRole('button', { name: /^Deliveries of/ }));
    const log = await screen.findByRole('dialog', { name: /^Deliveries to/ });
    await user.click(within(log).getByRole('button', { name: 'Close' }));
    await waitForElementToBeRemoved(log);
    await user.click(within(table).getByRole('button', { name: /^Remove/ }));
    expect(await screen.findByRole('dialog', { name: 'Remove endpoint?' })).toBeInTheDocument();
  });
});
