import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../../../../shared/api';
import {
  deprovisioningBurstFactory,
  provisioningEntryFactory,
  userRowFactory,
} from '../../../../testing/factories';
import { mockBackend } from '../../../../testing/mock-backend';
import { apiError, handle, server } from '../../../../testing/msw';
import { renderApp } from '../../../../testing/render-app';
import { logRequests, requestsTo } from '../../../../testing/request-log';

logRequests();

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

async function openHealth() {
  const view = renderApp('/');
  const section = await screen.findByRole('region', { name: 'Sync health' });
  return { ...view, section };
}

describe('Sync health on the configuration page', () => {
  it('shows the 24-hour error rate, the warnings and the last request of each kind', async () => {
    mockBackend.provisioning = [
      provisioningEntryFactory({ at: minutesAgo(3), action: 'create_user', status: 201 }),
      provisioningEntryFactory({
        at: minutesAgo(90),
        action: 'create_user',
        status: 409,
        outcome: 'error',
      }),
      provisioningEntryFactory({
        at: minutesAgo(120),
        action: 'push_group',
        status: 409,
        outcome: 'error',
      }),
      provisioningEntryFactory({
        at: minutesAgo(60 * 24 * 3),
        action: 'test_connection',
        method: 'GET',
        status: 200,
      }),
    ];
    mockBackend.syncWarnings = [
      {
        kind: 'repeated_failure',
        message: 'Okta has sent POST /Users for jane@acme.example 12 times and got 409 each time.',
      },
      {
        kind: 'access_key_unused',
        message: 'Access key osc_scim_AbC… has not been used in 30 days.',
      },
    ];
    const { section } = await openHealth();

    const rate = await within(section).findByText('Errors in the last 24 hours');
    expect(rate.nextElementSibling).toHaveTextContent('66.7% (2 errors in 3 requests)');

    const alerts = within(section).getAllByRole('alert');
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toHaveTextContent('A request keeps failing');
    expect(alerts[0]).toHaveTextContent('12 times and got 409 each time.');
    expect(alerts[1]).toHaveTextContent('An access key is not used');
    expect(alerts[0]).toHaveClass('MuiAlert-colorWarning');

    const last = within(section).getByRole('table', { name: 'Last request of each kind' });
    const rows = within(last).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'Test connection3 days ago200Success',
      'Create user3 minutes ago201Success',
      'Push group2 hours ago409Error',
    ]);

    expect(within(section).getByRole('link', { name: 'See all activity' })).toHaveAttribute(
      'href',
      '/activity',
    );
  });

  it('draws the requests of the last 7 days, with a name and a table for screen readers', async () => {
    // Two in this hour's bar (a success under an error), one 30 hours back.
    const thisHour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
    mockBackend.provisioning = [
      provisioningEntryFactory({ at: thisHour }),
      provisioningEntryFactory({ at: thisHour, outcome: 'error', status: 500 }),
      provisioningEntryFactory({ at: minutesAgo(60 * 30), outcome: 'not_applied' }),
    ];
    const { section } = await openHealth();
    const chart = await within(section).findByRole('img', {
      name: 'Provisioning requests per hour, successes against errors: 3 requests, 1 error in the last 7 days.',
    });
    expect(chart.querySelectorAll('rect')).toHaveLength(3);
    expect(within(section).getByRole('figure')).toHaveTextContent(
      '3 requests, 1 error in the last 7 days',
    );
    const perDay = within(section).getByRole('table', { name: 'Requests per day' });
    const days = within(perDay).getAllByRole('row').slice(1);
    expect(days.length).toBeGreaterThanOrEqual(7);
    const totals = [0, 0];
    for (const row of days) {
      const [success, error] = within(row).getAllByRole('cell');
      totals[0] = (totals[0] ?? 0) + Number(success?.textContent);
      totals[1] = (totals[1] ?? 0) + Number(error?.textContent);
    }
    expect(totals).toEqual([2, 1]);
    expect(requestsTo(api.getActivityChart).map((r) => r.query)).toEqual([{ hours: '168' }]);
  });

  it('says so when Okta has sent nothing', async () => {
    const { section } = await openHealth();
    expect(
      await within(section).findByText('No requests from Okta in the last 24 hours'),
    ).toBeInTheDocument();
    expect(within(section).getByText('No request from Okta yet.')).toBeInTheDocument();
    expect(within(section).queryByRole('alert')).not.toBeInTheDocument();
    expect(await within(section).findByRole('img')).toHaveAccessibleName(
      /0 requests, 0 errors in the last 7 days/,
    );
  });
});

describe('Deprovisioning safety net', () => {
  function burstOf(count: number) {
    const users = Array.from({ length: count }, (_, i) =>
      userRowFactory({ userName: `gone${i}@acme.example`, active: false }),
    );
    const burst = deprovisioningBurstFactory({
      deactivated: count,
      share: 0.25,
      startedAt: '2026-03-04T11:00:00.000Z',
      lastAt: '2026-03-04T11:03:20.000Z',
    });
    mockBackend.users = users;
    mockBackend.bursts = [burst];
    mockBackend.burstUsers = { [burst.id]: users.map((u) => u.id) };
    mockBackend.syncWarnings = [
      { kind: 'deprovisioning_burst', message: '3 users were deactivated in 4 minutes.' },
    ];
    return burst;
  }

  it('alerts, asks for confirmation, reactivates the burst and refreshes health and users', async () => {
    const burst = burstOf(3);
    const { user, section } = await openHealth();
    const alert = await within(section).findByRole('alert');
    expect(alert).toHaveClass('MuiAlert-colorError');
    expect(alert).toHaveTextContent(
      '3 users (25% of the active users) were deactivated by Okta within 4 minutes',
    );
    // The burst's own alert replaces the warning that says the same.
    expect(within(section).getAllByRole('alert')).toHaveLength(1);
    const totalsBefore = requestsTo(api.getLicenceTotals).length;

    await user.click(within(alert).getByRole('button', { name: 'Reactivate 3 users' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reactivate 3 users?' });
    expect(dialog).toHaveTextContent('Okta is not told');
    expect(requestsTo(api.reactivateBurst)).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Reactivate' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requestsTo(api.reactivateBurst).map((r) => r.path)).toEqual([
      `/api/deprovisioning-bursts/${burst.id}/reactivate`,
    ]);
    const done = await within(section).findByText(/^3 users reactivated\./);
    expect(done.closest('[role="alert"]')).toHaveClass('MuiAlert-colorSuccess');
    // The button that opened the dialog is gone with its burst: focus goes to the result.
    await waitFor(() => expect(done.closest('[role="alert"]')).toHaveFocus());
    await waitFor(() =>
      expect(within(section).queryByRole('button', { name: 'Reactivate 3 users' })).toBeNull(),
    );
    expect(mockBackend.users.every((u) => u.active)).toBe(true);
    await waitFor(() =>
      expect(requestsTo(api.getLicenceTotals).length).toBeGreaterThan(totalsBefore),
    );
    expect(requestsTo(api.getSyncHealth).length).toBeGreaterThanOrEqual(2);
  });

  it('sends nothing when the admin cancels', async () => {
    burstOf(1);
    const { user, section } = await openHealth();
    const alert = await within(section).findByRole('alert');
    expect(alert).toHaveTextContent('1 user (25% of the active users) was deactivated');
    await user.click(within(alert).getByRole('button', { name: 'Reactivate 1 user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reactivate 1 user?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requestsTo(api.reactivateBurst)).toEqual([]);
    expect(within(section).getByRole('button', { name: 'Reactivate 1 user' })).toHaveFocus();
  });

  it('shows why the reactivation failed, in the dialog', async () => {
    burstOf(2);
    server.use(
      handle(api.reactivateBurst, () =>
        apiError(409, 'conflict', 'ops@acme.example reactivated these users already.'),
      ),
    );
    const { user, section } = await openHealth();
    await user.click(await within(section).findByRole('button', { name: 'Reactivate 2 users' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reactivate 2 users?' });
    await user.click(within(dialog).getByRole('button', { name: 'Reactivate' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'ops@acme.example reactivated these users already.',
    );
  });
});
