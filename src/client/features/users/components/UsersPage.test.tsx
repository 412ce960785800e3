import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../../../../shared/api';
import {
  licenceTotalsFactory,
  signInRefusalFactory,
  userRowFactory,
} from '../../../../testing/factories';
import { mockBackend } from '../../../../testing/mock-backend';
import { renderApp } from '../../../../testing/render-app';
import { logRequests, requestsTo } from '../../../../testing/request-log';

logRequests();

const userQueries = () => requestsTo(api.listUsers).map((r) => r.query);

function people() {
  return [
    userRowFactory({ name: 'Ann Archer', userName: 'ann@acme.example', licence: 'pro' }),
    userRowFactory({ name: 'Bob Baker', userName: 'bob@acme.example', licence: 'basic' }),
    userRowFactory({
      name: 'Cid Cole',
      userName: 'cid@acme.example',
      licence: 'none',
      groups: [],
      groupCount: 0,
    }),
    userRowFactory({
      name: 'Dee Dunn',
      userName: 'dee@acme.example',
      active: false,
      licence: 'basic',
      lastSignInAt: '2026-03-01T12:00:00.000Z',
      groups: [
        { name: 'Everyone', capability: 'basic' },
        { name: 'Berlin', capability: null },
      ],
      groupCount: 7,
    }),
  ];
}

async function openUsers(path = '/users') {
  const view = renderApp(path);
  await screen.findByRole('heading', { level: 1, name: 'Users' });
  const table = await screen.findByRole('table', { name: 'Provisioned users' });
  return { ...view, table };
}

describe('Users view', () => {
  it('lists users with licence, groups and last sign-in, and the totals above them', async () => {
    mockBackend.users = people();
    mockBackend.licenceTotals = licenceTotalsFactory({ pro: 1, basic: 1, none: 1, deactivated: 1 });
    const { table } = await openUsers();
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    const dee = within(table).getByText('Dee Dunn').closest('tr') as HTMLElement;
    expect(dee).toHaveTextContent('dee@acme.example');
    expect(dee).toHaveTextContent('Deactivated');
    expect(dee).toHaveTextContent('Everyone (Basic)');
    expect(dee).toHaveTextContent('and 5 more');
    expect(within(dee).getByText(/2026/)).toHaveAttribute('datetime', '2026-03-01T12:00:00.000Z');
    const cid = within(table).getByText('Cid Cole').closest('tr') as HTMLElement;
    expect(cid).toHaveTextContent('None');
    expect(cid).toHaveTextContent('Never');
    const totals = screen.getByRole('region', { name: 'Licences' });
    expect(await within(totals).findByRole('link', { name: '1 Pro' })).toBeInTheDocument();
    expect(within(totals).getByRole('link', { name: '1 Deactivated' })).toBeInTheDocument();
    expect(screen.getByText('4 users')).toBeInTheDocument();
    expect(userQueries()).toEqual([{ page: '1', pageSize: '25' }]);
  });

  it('sends the licence and status filters to the server, from page 1', async () => {
    mockBackend.users = people();
    const { user, table } = await openUsers('/users?page=2');
    expect(userQueries()).toEqual([{ page: '2', pageSize: '25' }]);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Licence' }), 'Pro');
    await waitFor(() =>
      expect(userQueries().at(-1)).toEqual({ page: '1', pageSize: '25', licence: 'pro' }),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('Ann Archer')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Licence' }), 'Basic');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Deactivated');
    await waitFor(() =>
      expect(userQueries().at(-1)).toEqual({
        page: '1',
        pageSize: '25',
        licence: 'basic',
        status: 'deactivated',
      }),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('Dee Dunn')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Licence' }), 'All');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'All');
    await waitFor(() => expect(userQueries().at(-1)).toEqual({ page: '1', pageSize: '25' }));
  });

  it('searches by name or email on the server once typing pauses', async () => {
    mockBackend.users = people();
    const { user, table } = await openUsers();
    const before = userQueries().length;
    await user.type(screen.getByRole('searchbox', { name: 'Search by name or email' }), 'bo');
    await waitFor(() => expect(userQueries().at(-1)).toMatchObject({ q: 'bo' }));
    expect(userQueries().slice(before)).toEqual([{ page: '1', pageSize: '25', q: 'bo' }]);
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('Bob Baker')).toBeInTheDocument();
    expect(screen.getByText('1 user match')).toBeInTheDocument();
  });

  it('pages on the server', async () => {
    mockBackend.users = Array.from({ length: 60 }, (_, i) =>
      userRowFactory({ userName: `u${String(i + 1).padStart(2, '0')}@acme.example` }),
    );
    const { user, table } = await openUsers();
    expect(screen.getByText('1–25 of 60')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(userQueries().at(-1)).toEqual({ page: '2', pageSize: '25' }));
    expect(await within(table).findByText('u26@acme.example')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Users per page' }), '100');
    await waitFor(() => expect(userQueries().at(-1)).toEqual({ page: '1', pageSize: '100' }));
  });

  it('opens filtered from a total on the main page, through the header back and forth', async () => {
    mockBackend.users = people();
    mockBackend.licenceTotals = licenceTotalsFactory({ pro: 1, basic: 2, none: 1, deactivated: 1 });
    const { user } = renderApp('/');
    const section = await screen.findByRole('region', { name: 'Directory groups' });
    await user.click(await within(section).findByRole('link', { name: '1 Deactivated' }));
    await screen.findByRole('heading', { level: 1, name: 'Users' });
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveValue('deactivated');
    expect(screen.getByRole('combobox', { name: 'Licence' })).toHaveValue('');
    await waitFor(() => expect(userQueries().at(-1)).toMatchObject({ status: 'deactivated' }));

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Users' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await user.click(within(nav).getByRole('link', { name: 'Configuration' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Okta single-sign on configuration' }),
    ).toBeInTheDocument();
  });

  it('lists recent sign-in refusals with their reason in plain words', async () => {
    mockBackend.signInEvents = [
      signInRefusalFactory({ login: 'nogroup@acme.example' }),
      signInRefusalFactory({ login: null, reason: 'not_assigned', message: null }),
    ];
    await openUsers();
    const refusals = screen.getByRole('region', { name: 'Recent sign-in refusals' });
    expect(await within(refusals).findByText(/nogroup@acme.example/)).toBeInTheDocument();
    expect(refusals).toHaveTextContent('The person is in no group mapped to Basic or Pro.');
    expect(refusals).toHaveTextContent('Someone Okta did not name');
    expect(refusals).toHaveTextContent('not assigned to the sign-in app in Okta');
    expect(requestsTo(api.listSignInEvents).map((r) => r.query)).toEqual([
      { outcome: 'refused', limit: '10' },
    ]);
  });
});
