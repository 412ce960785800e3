import { screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { api } from '../../../../shared/api';
import {
  directoryGroupFactory,
  licenceTotalsFactory,
  seatEffectFactory,
} from '../../../../testing/factories';
import { mockBackend } from '../../../../testing/mock-backend';
import { renderApp } from '../../../../testing/render-app';
import { logRequests, requestsTo } from '../../../../testing/request-log';

logRequests();

async function openSection() {
  const view = renderApp('/');
  const section = await screen.findByRole('region', { name: 'Directory groups' });
  const table = await within(section).findByRole('table', { name: 'Directory groups' });
  return { ...view, section, table };
}

const rowOf = (table: HTMLElement, name: string) =>
  within(table).getByText(name).closest('tr') as HTMLElement;
const listQueries = () => requestsTo(api.listDirectoryGroups).map((r) => r.query);

describe('Directory groups table', () => {
  it('lists each mapping: name (and a rename), capability, members, status, when added', async () => {
    mockBackend.directoryGroups = [
      directoryGroupFactory({ name: 'Engineering', capability: 'pro', members: 1200 }),
      directoryGroupFactory({ name: 'Sales EMEA', previousName: 'Sales Europe' }),
      directoryGroupFactory({ name: 'Contractors', status: 'waiting', members: 0 }),
      directoryGroupFactory({ name: 'Interns', status: 'no-longer-pushed', members: 0 }),
    ];
    const { table } = await openSection();
    const engineering = rowOf(table, 'Engineering');
    expect(
      within(engineering).getByRole('combobox', { name: 'Capability for Engineering' }),
    ).toHaveValue('pro');
    expect(engineering).toHaveTextContent('1,200');
    expect(engineering).toHaveTextContent('Synced');
    expect(engineering).toHaveTextContent('by admin@acme.example');
    expect(rowOf(table, 'Sales EMEA')).toHaveTextContent('renamed from Sales Europe');
    expect(rowOf(table, 'Contractors')).toHaveTextContent('Waiting for Okta');
    expect(rowOf(table, 'Interns')).toHaveTextContent('No longer pushed');
    expect(listQueries()).toEqual([{ page: '1', pageSize: '25', sort: 'name', order: 'asc' }]);
  });

  it('sorts on the server: a header asks for that order, again for the other way', async () => {
    mockBackend.directoryGroups = [
      directoryGroupFactory({ name: 'Alpha', members: 1 }),
      directoryGroupFactory({ name: 'Beta', members: 9 }),
    ];
    const { user, table } = await openSection();
    await user.click(within(table).getByRole('button', { name: 'Members' }));
    await waitFor(() =>
      expect(listQueries().at(-1)).toEqual({
        page: '1',
        pageSize: '25',
        sort: 'members',
        order: 'desc',
      }),
    );
    await waitFor(() => expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Beta'));
    expect(within(table).getByRole('columnheader', { name: /Members/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await user.click(within(table).getByRole('button', { name: /Members/ }));
    await waitFor(() =>
      expect(listQueries().at(-1)).toMatchObject({ sort: 'members', order: 'asc' }),
    );
    await user.click(within(table).getByRole('button', { name: 'Added' }));
    await waitFor(() =>
      expect(listQueries().at(-1)).toMatchObject({ sort: 'createdAt', order: 'desc' }),
    );
    await user.click(within(table).getByRole('button', { name: 'Capability' }));
    await waitFor(() =>
      expect(listQueries().at(-1)).toMatchObject({ sort: 'capability', order: 'asc' }),
    );
  });

  it('pages on the server, and the page size goes with the request', async () => {
    mockBackend.directoryGroups = Array.from({ length: 60 }, (_, i) =>
      directoryGroupFactory({ name: `Team ${String(i + 1).padStart(2, '0')}` }),
    );
    const { user, section, table } = await openSection();
    expect(within(table).getAllByRole('row')).toHaveLength(26);
    expect(section).toHaveTextContent('1–25 of 60');
    await user.click(within(section).getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(listQueries().at(-1)).toMatchObject({ page: '2', pageSize: '25' }));
    expect(await within(table).findByText('Team 26')).toBeInTheDocument();
    await user.selectOptions(
      within(section).getByRole('combobox', { name: /Groups per page/ }),
      '50',
    );
    await waitFor(() => expect(listQueries().at(-1)).toMatchObject({ page: '1', pageSize: '50' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(51));
  });

  it('filters by name on the server, once typing pauses, from page 1', async () => {
    mockBackend.directoryGroups = [
      ...Array.from({ length: 30 }, (_, i) => directoryGroupFactory({ name: `Team ${i + 1}` })),
      directoryGroupFactory({ name: 'Sales EMEA' }),
      directoryGroupFactory({ name: 'Presales' }),
    ];
    const { user, section, table } = await openSection();
    await user.click(within(section).getByRole('button', { name: 'Go to next page' }));
    await waitFor(() => expect(listQueries().at(-1)).toMatchObject({ page: '2' }));
    const before = listQueries().length;
    await user.type(within(section).getByRole('searchbox', { name: 'Filter by name' }), 'sales');
    await waitFor(() => expect(listQueries().at(-1)).toMatchObject({ name: 'sales', page: '1' }));
    // One request for the whole word, not one per key.
    expect(listQueries().slice(before)).toEqual([
      { page: '1', pageSize: '25', sort: 'name', order: 'asc', name: 'sales' },
    ]);
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(rowOf(table, 'Presales')).toBeInTheDocument();

    await user.type(within(section).getByRole('searchbox', { name: 'Filter by name' }), 'xyz');
    expect(
      await within(table).findByText('No mapped group name contains "salesxyz".'),
    ).toBeInTheDocument();
  });
});

describe('Changing a mapping', () => {
  it('asks before changing the capability, with the effect on seats; PATCH only after Save', async () => {
    mockBackend.directoryGroups = [directoryGroupFactory({ name: 'Sales', capability: 'basic' })];
    mockBackend.seatEffect = seatEffectFactory({ affectedUsers: 12, fromBasicToPro: 12 });
    const { user, table } = await openSection();
    const select = within(rowOf(table, 'Sales')).getByRole('combobox', {
      name: 'Capability for Sales',
    });
    await user.selectOptions(select, 'pro');
    let dialog = await screen.findByRole('dialog', { name: 'Change "Sales" to Pro?' });
    expect(await within(dialog).findByText(/12 users move from Basic to Pro/)).toBeInTheDocument();
    expect(requestsTo(api.previewSeatEffect).map((r) => r.query)).toEqual([
      { mappingId: String(mockBackend.directoryGroups[0]?.id), capability: 'pro' },
    ]);
    expect(select).toHaveValue('basic');

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitForElementToBeRemoved(dialog);
    expect(requestsTo(api.updateDirectoryGroup)).toEqual([]);
    expect(select).toHaveValue('basic');

    await user.selectOptions(select, 'pro');
    dialog = await screen.findByRole('dialog', { name: 'Change "Sales" to Pro?' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitForElementToBeRemoved(dialog);
    expect(requestsTo(api.updateDirectoryGroup).map((r) => [r.path, r.body])).toEqual([
      [`/api/directory-groups/${mockBackend.directoryGroups[0]?.id}`, { capability: 'pro' }],
    ]);
    await waitFor(() =>
      expect(
        within(rowOf(table, 'Sales')).getByRole('combobox', { name: 'Capability for Sales' }),
      ).toHaveValue('pro'),
    );
    expect(await screen.findByText('"Sales" now gives Pro.')).toBeInTheDocument();
  });

  it('asks before removing a mapping, with who loses their licence; DELETE only after Remove', async () => {
    mockBackend.directoryGroups = [
      directoryGroupFactory({ name: 'Sales' }),
      directoryGroupFactory({ name: 'Support' }),
    ];
    mockBackend.seatEffect = seatEffectFactory({ affectedUsers: 4, fromBasicToNone: 4 });
    const { user, table } = await openSection();
    await user.click(within(table).getByRole('button', { name: 'Remove Sales' }));
    let dialog = await screen.findByRole('dialog', { name: 'Remove "Sales"?' });
    expect(
      await within(dialog).findByText(/4 users lose Basic and can no longer sign in/),
    ).toBeInTheDocument();
    expect(requestsTo(api.previewSeatEffect).at(-1)?.query).toMatchObject({ capability: 'none' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitForElementToBeRemoved(dialog);
    expect(requestsTo(api.deleteDirectoryGroup)).toEqual([]);

    await user.click(within(table).getByRole('button', { name: 'Remove Sales' }));
    dialog = await screen.findByRole('dialog', { name: 'Remove "Sales"?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }));
    await waitForElementToBeRemoved(dialog);
    expect(requestsTo(api.deleteDirectoryGroup)).toHaveLength(1);
    await waitFor(() => expect(within(table).queryByText('Sales')).not.toBeInTheDocument());
    expect(within(table).getByText('Support')).toBeInTheDocument();
  });
});

describe('Licence totals on the main page', () => {
  it('shows Pro, Basic, none and deactivated, each linking to those users', async () => {
    mockBackend.licenceTotals = licenceTotalsFactory({
      pro: 12,
      basic: 30,
      none: 4,
      deactivated: 2,
    });
    const { section } = await openSection();
    const totals = within(section).getByRole('region', { name: 'Licences' });
    expect(await within(totals).findByRole('link', { name: '12 Pro' })).toHaveAttribute(
      'href',
      '/users?licence=pro&status=active',
    );
    expect(within(totals).getByRole('link', { name: '30 Basic' })).toHaveAttribute(
      'href',
      '/users?licence=basic&status=active',
    );
    expect(within(totals).getByRole('link', { name: '4 No licence' })).toHaveAttribute(
      'href',
      '/users?licence=none&status=active',
    );
    expect(within(totals).getByRole('link', { name: '2 Deactivated' })).toHaveAttribute(
      'href',
      '/users?status=deactivated',
    );
  });

  it('shows new totals on its own, as Okta pushes arrive, without a reload', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      mockBackend.licenceTotals = licenceTotalsFactory({ pro: 12, basic: 30, none: 4 });
      const { section } = await openSection();
      const totals = within(section).getByRole('region', { name: 'Licences' });
      expect(await within(totals).findByRole('link', { name: '12 Pro' })).toBeVisible();
      mockBackend.licenceTotals = licenceTotalsFactory({ pro: 13, basic: 30, none: 5 });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await within(totals).findByRole('link', { name: '13 Pro' })).toBeVisible();
      expect(within(totals).getByRole('link', { name: '5 No licence' })).toBeVisible();
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a mapping made in another tab or on another instance, and new member counts, without a reload', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      mockBackend.directoryGroups = [
        directoryGroupFactory({ name: 'Sales', capability: 'basic', members: 40 }),
      ];
      const { table } = await openSection();
      expect(await within(table).findByText('Sales')).toBeVisible();
      mockBackend.directoryGroups = [
        directoryGroupFactory({ name: 'Engineering', capability: 'pro', members: 2 }),
        directoryGroupFactory({ name: 'Sales', capability: 'basic', members: 41 }),
      ];
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await within(table).findByText('Engineering')).toBeVisible();
      expect(rowOf(table, 'Sales')).toHaveTextContent('41');
    } finally {
      vi.useRealTimers();
    }
  });
});
