import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userDetailsFactory, userRowFactory } from '../../../../testing/factories';
import { mockBackend } from '../../../../testing/mock-backend';
import { renderApp } from '../../../../testing/render-app';

const ada = userDetailsFactory({
  lastSignInAt: '2026-02-01T10:00:00.000Z',
  provisioning: [
    {
      id: 7,
      at: '2026-01-05T09:00:00.000Z',
      method: 'POST',
      path: '/scim/v2/Users',
      action: 'create_user',
      outcome: 'success',
      status: 201,
      durationMs: 3,
      resourceType: 'User',
      resourceId: '5f0c1b0e-7a55-4c1e-9d0e-000000000001',
      resourceName: 'ada.lovelace@acme.example',
      changes: [],
      notApplied: [],
      error: null,
    },
  ],
  signIns: [
    {
      id: 3,
      at: '2026-02-01T09:00:00.000Z',
      login: 'ada.lovelace@acme.example',
      outcome: 'refused',
      reason: 'no_licence',
      message: 'The person is in no directory group mapped to Basic or Pro.',
    },
  ],
});

describe("a person's page", () => {
  it('is linked from the Users list by name, and the export honours the filters', async () => {
    mockBackend.users = [userRowFactory({ id: ada.id, name: 'Ada Lovelace', licence: 'pro' })];
    mockBackend.userDetails = { [ada.id]: ada };
    const { user } = renderApp('/users?licence=pro&q=ada');
    expect(await screen.findByRole('link', { name: 'Export CSV' })).toHaveAttribute(
      'href',
      '/api/users/export?q=ada&licence=pro',
    );
    await user.click(await screen.findByRole('link', { name: 'Ada Lovelace' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
  });

  it('shows the attributes, the licence and why, groups with tiers and the history', async () => {
    mockBackend.userDetails = { [ada.id]: ada };
    renderApp(`/users/${ada.id}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeVisible();
    const licence = screen.getByRole('region', { name: 'Licence' });
    expect(licence).toHaveTextContent(
      'Pro, from the group Leads, mapped to Pro (Pro wins over Basic).',
    );
    const attributes = screen.getByRole('region', { name: 'SCIM attributes' });
    expect(attributes).toHaveTextContent('ada.lovelace@acme.example (work, primary)');
    expect(attributes).toHaveTextContent('en-GB');
    const groups = within(screen.getByRole('table', { name: 'Groups' })).getAllByRole('row');
    expect(groups.map((r) => r.textContent)).toEqual([
      'GroupTier',
      'LeadsPro',
      'EveryoneBasic',
      'Book clubNot mapped',
    ]);
    expect(screen.getByRole('table', { name: 'Provisioning history' })).toHaveTextContent(
      'Create user',
    );
    expect(screen.getByRole('table', { name: 'Sign-ins and refusals' })).toHaveTextContent(
      'RefusedThe person is in no directory group mapped to Basic or Pro.',
    );
  });

  it('says why a person has no licence', async () => {
    const cid = userDetailsFactory({
      licence: 'none',
      licenceReason: { kind: 'no_mapped_group', groupCount: 1 },
      groups: [{ id: 'g', name: 'Book club', capability: null }],
    });
    mockBackend.userDetails = { [cid.id]: cid };
    renderApp(`/users/${cid.id}`);
    expect(await screen.findByRole('region', { name: 'Licence' })).toHaveTextContent(
      'None: their one group is not mapped to Basic or Pro. They are refused at sign-in.',
    );
  });

  it('an unknown id has a page saying so', async () => {
    renderApp('/users/no-such-person');
    expect(await screen.findByRole('heading', { level: 1, name: 'User not found' })).toBeVisible();
    expect(screen.getByRole('link', { name: '← All users' })).toHaveAttribute('href', '/users');
  });
});
