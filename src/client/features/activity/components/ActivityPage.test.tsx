import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../../../../shared/api';
import { auditEntryFactory, provisioningEntryFactory } from '../../../../testing/factories';
import { mockBackend } from '../../../../testing/mock-backend';
import { apiError, handle, reply, server } from '../../../../testing/msw';
import { renderApp } from '../../../../testing/render-app';
import { logRequests, requestsTo } from '../../../../testing/request-log';

logRequests();

const activityQueries = () => requestsTo(api.listProvisioningActivity).map((r) => r.query);
const auditQueries = () => requestsTo(api.listAuditLog).map((r) => r.query);

function requests() {
  return [
    provisioningEntryFactory({
      at: '2026-03-04T10:00:00.000Z',
      action: 'test_connection',
      method: 'GET',
      path: '/scim/v2/Users',
      status: 200,
      resourceType: null,
      resourceId: null,
      resourceName: null,
      durationMs: 3.4,
    }),
    provisioningEntryFactory({
      at: '2026-03-04T10:05:00.000Z',
      action: 'create_user',
      status: 409,
      outcome: 'error',
      resourceName: 'jane@acme.example',
      durationMs: 1500,
      error: 'A user with userName jane@acme.example exists already.',
    }),
    provisioningEntryFactory({
      at: '2026-03-04T10:10:00.000Z',
      action: 'deactivate_user',
      method: 'PATCH',
      path: '/scim/v2/Users/scim-jane',
      status: 200,
      resourceId: 'scim-jane',
      resourceName: 'jane@acme.example',
      changes: [{ attribute: 'active', before: 'true', after: 'false' }],
    }),
    provisioningEntryFactory({
      at: '2026-03-04T10:15:00.000Z',
      action: 'update_user',
      method: 'PUT',
      outcome: 'not_applied',
      status: 200,
      resourceName: 'bob@acme.example',
      changes: [
        { attribute: 'name.givenName', before: '"Bob"', after: '"Robert"' },
        { attribute: 'title', before: null, after: '"Engineer"' },
      ],
      notApplied: ['The attribute "costCenter" is not stored here, so it was ignored.'],
    }),
  ];
}

async function openActivity(path = '/activity') {
  const view = renderApp(path);
  await screen.findByRole('heading', { level: 1, name: 'Activity' });
  const table = await screen.findByRole('table', { name: 'SCIM requests from Okta' });
  return { ...view, table };
}

const rowOf = (table: HTMLElement, text: string) =>
  within(table).getAllByText(text)[0]?.closest('tr') as HTMLElement;

describe('Activity page: provisioning requests', () => {
  it('lists each request with its Okta action, resource, status, outcome and duration', async () => {
    mockBackend.provisioning = requests();
    const { table } = await openActivity();
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    // Newest first.
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Update user');
    const failed = rowOf(table, 'Create user');
    expect(failed).toHaveTextContent('jane@acme.example');
    expect(failed).toHaveTextContent('409');
    expect(failed).toHaveTextContent('Error');
    expect(failed).toHaveTextContent('1.5 s');
    const probe = rowOf(table, 'Test connection');
    expect(probe).toHaveTextContent('—');
    expect(probe).toHaveTextContent('200Success');
    expect(probe).toHaveTextContent('3 ms');
    expect(rowOf(table, 'Update user')).toHaveTextContent('Accepted but not applied');
    expect(screen.getByText('4 requests')).toBeInTheDocument();
    expect(activityQueries()).toEqual([{ page: '1', pageSize: '25' }]);

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Activity' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(screen.getByRole('tab', { name: 'Provisioning' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it("labels Okta's lookups and reads, and the Action filter offers them", async () => {
    mockBackend.provisioning = [
      provisioningEntryFactory({
        action: 'lookup_user',
        method: 'GET',
        path: '/scim/v2/Users',
        status: 200,
        resourceName: 'jane@acme.example',
      }),
      provisioningEntryFactory({
        action: 'get_group',
        method: 'GET',
        path: '/scim/v2/Groups/g1',
        status: 200,
        resourceType: 'Group',
        resourceName: 'Engineering',
      }),
    ];
    const { user, table } = await openActivity();
    expect(rowOf(table, 'Look up user')).toHaveTextContent('jane@acme.example');
    expect(rowOf(table, 'Read group')).toHaveTextContent('Engineering');
    expect(within(table).queryByText('Other')).not.toBeInTheDocument();

    const filter = screen.getByRole('combobox', { name: 'Action' });
    const offered = within(filter)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(offered).toEqual(
      expect.arrayContaining(['Look up user', 'Read user', 'Look up group', 'Read group']),
    );
    await user.selectOptions(filter, 'Look up user');
    await waitFor(() =>
      expect(activityQueries().at(-1)).toEqual({
        page: '1',
        pageSize: '25',
        action: 'lookup_user',
      }),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
  });

  it('opens a row to show what changed, what was not applied and the error', async () => {
    mockBackend.provisioning = requests();
    const { user, table } = await openActivity();

    const update = screen.getByRole('button', { name: 'Details of Update user bob@acme.example' });
    expect(update).toHaveAttribute('aria-expanded', 'false');
    await user.click(update);
    expect(update).toHaveAttribute('aria-expanded', 'true');
    const details = document.getElementById(update.getAttribute('aria-controls') ?? '');
    expect(details).not.toBeNull();
    const changes = within(details as HTMLElement).getByRole('table', { name: 'What changed' });
    const given = within(changes).getByRole('rowheader', { name: 'name.givenName' }).closest('tr');
    expect(given).toHaveTextContent('"Bob"→"Robert"');
    const title = within(changes).getByRole('rowheader', { name: 'title' }).closest('tr');
    expect(title).toHaveTextContent('(none)→"Engineer"');
    expect(details).toHaveTextContent('Accepted but not applied');
    expect(details).toHaveTextContent('"costCenter" is not stored here');
    expect(details).toHaveTextContent('PUT /scim/v2/Users');

    await user.click(
      screen.getByRole('button', { name: 'Details of Create user jane@acme.example' }),
    );
    expect(table).toHaveTextContent('A user with userName jane@acme.example exists already.');

    await user.click(update);
    expect(update).toHaveAttribute('aria-expanded', 'false');
    expect(within(table).queryByRole('table', { name: 'What changed' })).not.toBeInTheDocument();
  });

  it('sends action, status and user or group to the server, and the export link carries them', async () => {
    mockBackend.provisioning = requests();
    const { user, table } = await openActivity('/activity?page=2');
    expect(activityQueries()).toEqual([{ page: '2', pageSize: '25' }]);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'Deactivate user');
    await waitFor(() =>
      expect(activityQueries().at(-1)).toEqual({
        page: '1',
        pageSize: '25',
        action: 'deactivate_user',
      }),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('Deactivate user')).toBeInTheDocument();
    expect(screen.getByText('1 request match')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'All');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Error');
    await user.type(screen.getByRole('searchbox', { name: 'User or group' }), 'jane');
    await waitFor(() =>
      expect(activityQueries().at(-1)).toEqual({
        page: '1',
        pageSize: '25',
        outcome: 'error',
        subject: 'jane',
      }),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('Create user')).toBeInTheDocument();

    const exportLink = screen.getByRole('link', { name: 'Export CSV' });
    expect(exportLink).toHaveAttribute('download');
    const href = new URL(exportLink.getAttribute('href') ?? '', 'http://localhost');
    expect(href.pathname).toBe('/api/activity/provisioning/export');
    expect(Object.fromEntries(href.searchParams)).toEqual({ outcome: 'error', subject: 'jane' });
  });

  it('reads the filters from a link, so a shared address shows the same view', async () => {
    mockBackend.provisioning = requests();
    const { table } = await openActivity(
      '/activity?action=create_user&outcome=error&subject=jane&pageSize=50',
    );
    expect(activityQueries()).toEqual([
      { page: '1', pageSize: '50', action: 'create_user', outcome: 'error', subject: 'jane' },
    ]);
    expect(screen.getByRole('combobox', { name: 'Action' })).toHaveValue('create_user');
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('error');
    expect(screen.getByRole('searchbox', { name: 'User or group' })).toHaveValue('jane');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
  });

  it('asks for the last 24 hours, or a custom range in local time', async () => {
    const { user } = await openActivity();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time' }), 'Last 24 hours');
    await waitFor(() => expect(activityQueries().at(-1)).toHaveProperty('from'));
    const from = Date.parse(activityQueries().at(-1)?.from ?? '');
    expect(Date.now() - from).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(Date.now() - from).toBeLessThan(24 * 3_600_000 + 120_000);
    expect(screen.queryByLabelText('From')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Time' }), 'Custom');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-04T09:30' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-05T18:00' } });
    await waitFor(() =>
      expect(activityQueries().at(-1)).toEqual({
        page: '1',
        pageSize: '25',
        from: new Date('2026-03-04T09:30').toISOString(),
        to: new Date('2026-03-05T18:00').toISOString(),
      }),
    );
    expect(screen.getByLabelText('From')).toHaveValue('2026-03-04T09:30');
    const href = screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href') ?? '';
    expect(new URL(href, 'http://localhost').searchParams.get('to')).toBe(
      new Date('2026-03-05T18:00').toISOString(),
    );
  });

  it('says next to "To" when the range ends before it starts', async () => {
    const { user } = await openActivity();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time' }), 'Custom');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-05T10:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-04T10:00' } });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The time range ends before it starts.',
    );
    const to = screen.getByLabelText('To');
    expect(to).toHaveAccessibleDescription('Choose an end after the start of the time range.');
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );

    fireEvent.change(to, { target: { value: '2026-03-06T10:00' } });
    await screen.findByRole('table', { name: 'SCIM requests from Okta' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByLabelText('To')).not.toHaveAccessibleDescription();
  });

  it('shows a 400’s field message next to that date field', async () => {
    server.use(
      handle(api.listProvisioningActivity, ({ query }) =>
        query.from
          ? apiError(400, 'invalid', 'Activity is kept for 90 days.', {
              from: 'Choose a start within the last 90 days.',
            })
          : reply(200, { entries: [], total: 0, page: 1, pageSize: 25 }),
      ),
    );
    renderApp('/activity?from=2025-01-01T00:00:00.000Z');
    expect(await screen.findByRole('alert')).toHaveTextContent('Activity is kept for 90 days.');
    const from = screen.getByLabelText('From');
    expect(from).toHaveAccessibleDescription('Choose a start within the last 90 days.');
    expect(screen.getByLabelText('To')).not.toHaveAccessibleDescription();
    expect(screen.getByRole('combobox', { name: 'Time' })).toHaveValue('custom');
  });

  it('pages on the server', async () => {
    mockBackend.provisioning = Array.from({ length: 60 }, (_, i) =>
      provisioningEntryFactory({
        at: new Date(Date.UTC(2026, 2, 4, 10, i)).toISOString(),
        resourceName: `u${String(i + 1).padStart(2, '0')}@acme.example`,
      }),
    );
    const { user, table } = await openActivity();
    expect(screen.getByText('1–25 of 60')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('u60@acme.example');
    await user.click(screen.getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(activityQueries().at(-1)).toEqual({ page: '2', pageSize: '25' }));
    await waitFor(() =>
      expect(within(table).getAllByRole('row')[1]).toHaveTextContent('u35@acme.example'),
    );
    expect(screen.getByText('26–50 of 60')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Requests per page' }), '50');
    await waitFor(() => expect(activityQueries().at(-1)).toEqual({ page: '1', pageSize: '50' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(51));
  });

  it('says when Okta has sent nothing yet', async () => {
    const { table } = await openActivity();
    expect(table).toHaveTextContent(
      'No requests yet. Okta sends them when you test the connection',
    );
    expect(screen.getByText('0 requests')).toBeInTheDocument();
  });
});

describe('Activity page: audit log', () => {
  it('lists who did what and when, filtered by kind and who on the server', async () => {
    mockBackend.audit = [
      auditEntryFactory({ at: '2026-03-04T09:00:00.000Z' }),
      auditEntryFactory({
        at: '2026-03-04T09:30:00.000Z',
        kind: 'access_key_created',
        actor: 'ops@acme.example',
        summary: 'Created access key osc_scim_AbCdEfGh…',
        details: {},
      }),
      auditEntryFactory({
        at: '2026-03-04T08:00:00.000Z',
        kind: 'admin_sign_in_failed',
        actor: 'mallory@evil.example',
        summary: 'Failed admin sign-in: wrong password',
        details: {},
      }),
    ];
    const { user } = await openActivity();
    await user.click(screen.getByRole('tab', { name: 'Audit log' }));
    const table = await screen.findByRole('table', { name: 'Audit log' });
    expect(screen.getByRole('tab', { name: 'Audit log' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Audit log' })).toContainElement(table);
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('ops@acme.example');
    expect(rows[1]).toHaveTextContent('Created access key osc_scim_AbCdEfGh…');
    expect(rows[1]).toHaveTextContent('Access key created');
    expect(rows[2]).toHaveTextContent('admin@acme.example');
    expect(rows[2]).toHaveTextContent('Mapped group Engineering to Pro');
    expect(auditQueries()).toEqual([{ page: '1', pageSize: '25' }]);

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'What' }),
      'Admin sign-in failed',
    );
    await waitFor(() =>
      expect(auditQueries().at(-1)).toEqual({
        page: '1',
        pageSize: '25',
        kind: 'admin_sign_in_failed',
      }),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(table).toHaveTextContent('mallory@evil.example');

    await user.selectOptions(screen.getByRole('combobox', { name: 'What' }), 'All');
    await user.type(screen.getByRole('searchbox', { name: 'Who' }), 'ops');
    await waitFor(() =>
      expect(auditQueries().at(-1)).toEqual({ page: '1', pageSize: '25', actor: 'ops' }),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(screen.getByText('1 entry match')).toBeInTheDocument();
  });

  it('shows a "Verify now" as Incoming keys verified, and filters by it', async () => {
    mockBackend.audit = [
      auditEntryFactory(),
      auditEntryFactory({
        at: '2026-03-04T09:30:00.000Z',
        kind: 'incoming_keys_verified',
        summary: 'Verified the incoming Okta keys: they work',
        details: { works: true, reason: null },
      }),
    ];
    const { user } = renderApp('/activity?tab=audit');
    const table = await screen.findByRole('table', { name: 'Audit log' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    const verified = within(table).getByText('Incoming keys verified');
    expect(verified.closest('tr')).toHaveTextContent('Verified the incoming Okta keys: they work');

    const what = screen.getByRole('combobox', { name: 'What' });
    await user.selectOptions(what, 'Incoming keys verified');
    await waitFor(() =>
      expect(auditQueries().at(-1)).toEqual({
        page: '1',
        pageSize: '25',
        kind: 'incoming_keys_verified',
      }),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
  });

  it('opens on the audit tab from a link', async () => {
    renderApp('/activity?tab=audit&kind=access_key_created');
    expect(await screen.findByRole('table', { name: 'Audit log' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'What' })).toHaveValue('access_key_created');
    expect(auditQueries()).toEqual([{ page: '1', pageSize: '25', kind: 'access_key_created' }]);
    expect(activityQueries()).toEqual([]);
  });
});
