import { screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../../../../shared/api';
import {
  directoryGroupFactory,
  pushedGroupFactory,
  seatEffectFactory,
} from '../../../../testing/factories';
import { mockBackend } from '../../../../testing/mock-backend';
import { handle, reply, server } from '../../../../testing/msw';
import { renderApp } from '../../../../testing/render-app';
import { logRequests, requestsTo } from '../../../../testing/request-log';

logRequests();

async function openAddDialog() {
  const view = renderApp('/');
  const section = await screen.findByRole('region', { name: 'Directory groups' });
  await view.user.click(within(section).getByRole('button', { name: 'Add new groups' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add new groups' });
  const groupName = within(dialog).getByRole('combobox', { name: 'Group name' });
  const capability = within(dialog).getByRole('radiogroup', { name: 'Capability' });
  return { ...view, dialog, groupName, capability };
}

describe('Add new groups dialog', () => {
  it('says a group Okta has not pushed was not found; "Add anyway" saves it as waiting', async () => {
    const { user, dialog, groupName, capability } = await openAddDialog();
    await user.type(groupName, 'Sales EMEA');
    await user.click(within(capability).getByRole('radio', { name: 'Pro' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Group "Sales EMEA" was not found');
    expect(alert).toHaveTextContent('Okta may not have finished pushing it');
    expect(alert).toHaveTextContent('Wait a few minutes and try again');
    expect(requestsTo(api.createDirectoryGroup).map((r) => r.body)).toEqual([
      { groupName: 'Sales EMEA', capability: 'pro' },
    ]);
    expect(mockBackend.directoryGroups).toEqual([]);

    await user.click(within(alert).getByRole('button', { name: 'Add anyway' }));
    await waitForElementToBeRemoved(dialog);
    expect(requestsTo(api.createDirectoryGroup).map((r) => r.body)).toEqual([
      { groupName: 'Sales EMEA', capability: 'pro' },
      { groupName: 'Sales EMEA', capability: 'pro', addAnyway: true },
    ]);
    const table = screen.getByRole('table', { name: 'Directory groups' });
    const row = (await within(table).findByText('Sales EMEA')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Waiting for Okta')).toBeInTheDocument();
    expect(within(row).getByRole('combobox', { name: 'Capability for Sales EMEA' })).toHaveValue(
      'pro',
    );
  });

  it('forgets "not found" once the name changes, and says when only the capitals differ', async () => {
    mockBackend.pushedGroups = [pushedGroupFactory({ name: 'Sales-EU' })];
    const { user, dialog, groupName } = await openAddDialog();
    await user.type(groupName, 'sales-eu');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    const alert = await within(dialog).findByRole('alert');
    await waitFor(() =>
      expect(alert).toHaveTextContent('Okta pushed "Sales-EU": the name must match exactly'),
    );
    await user.type(groupName, 'x');
    expect(within(dialog).queryByRole('button', { name: 'Add anyway' })).not.toBeInTheDocument();
  });

  it('suggests the groups Okta pushed, and shows the effect on seats before saving', async () => {
    mockBackend.pushedGroups = [
      pushedGroupFactory({ name: 'Engineering' }),
      pushedGroupFactory({ name: 'Engineering Leads' }),
      pushedGroupFactory({ name: 'Sales' }),
    ];
    server.use(
      handle(api.previewSeatEffect, ({ query }) =>
        reply(
          200,
          query.capability === 'pro'
            ? seatEffectFactory({ affectedUsers: 14, fromBasicToPro: 12, fromNoneToPro: 2 })
            : seatEffectFactory({ affectedUsers: 5, fromNoneToBasic: 5 }),
        ),
      ),
    );
    const { user, dialog, groupName, capability } = await openAddDialog();
    await user.type(groupName, 'eng');
    const listbox = await screen.findByRole('listbox');
    // The first groups by name at once, then those starting with what was typed.
    await waitFor(() =>
      expect(
        within(listbox)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Engineering', 'Engineering Leads']),
    );
    expect(requestsTo(api.suggestDirectoryGroups).at(-1)?.query).toMatchObject({ prefix: 'eng' });
    await user.click(within(listbox).getByRole('option', { name: 'Engineering' }));
    expect(groupName).toHaveValue('Engineering');

    const status = within(dialog).getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('5 users get Basic.'));
    await user.click(within(capability).getByRole('radio', { name: 'Pro' }));
    await waitFor(() =>
      expect(status).toHaveTextContent('12 users move from Basic to Pro. 2 users get Pro.'),
    );
    expect(requestsTo(api.previewSeatEffect).map((r) => r.query)).toEqual([
      { groupName: 'Engineering', capability: 'basic' },
      { groupName: 'Engineering', capability: 'pro' },
    ]);
    expect(requestsTo(api.createDirectoryGroup)).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitForElementToBeRemoved(dialog);
    expect(requestsTo(api.createDirectoryGroup).map((r) => r.body)).toEqual([
      { groupName: 'Engineering', capability: 'pro' },
    ]);
    expect(await screen.findByText('"Engineering" mapped to Pro.')).toBeInTheDocument();
  });

  it('shows no seat effect for a name Okta has not pushed', async () => {
    mockBackend.pushedGroups = [pushedGroupFactory({ name: 'Engineering' })];
    const { user, dialog, groupName } = await openAddDialog();
    await user.type(groupName, 'Engineer');
    await waitFor(() => expect(requestsTo(api.suggestDirectoryGroups).length).toBeGreaterThan(1));
    expect(within(dialog).getByRole('status')).toHaveTextContent('');
    expect(requestsTo(api.previewSeatEffect)).toEqual([]);
  });

  it("shows the server's 409 next to the field when the group is mapped already", async () => {
    mockBackend.pushedGroups = [pushedGroupFactory({ name: 'Sales' })];
    mockBackend.directoryGroups = [directoryGroupFactory({ name: 'Sales', capability: 'pro' })];
    const { user, dialog, groupName } = await openAddDialog();
    await user.type(groupName, 'Sales');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(groupName).toHaveAccessibleDescription('"Sales" is already mapped (to Pro).'),
    );
    expect(groupName).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).queryByRole('button', { name: 'Add anyway' })).not.toBeInTheDocument();
    expect(mockBackend.directoryGroups).toHaveLength(1);
  });

  it('asks for a name before sending anything, and Cancel sends nothing', async () => {
    const { user, dialog, groupName } = await openAddDialog();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(groupName).toHaveAccessibleDescription('Type the name of a group that Okta pushes.'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitForElementToBeRemoved(dialog);
    expect(requestsTo(api.createDirectoryGroup)).toEqual([]);
  });
});
