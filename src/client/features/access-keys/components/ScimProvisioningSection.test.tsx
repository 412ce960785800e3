import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  accessKeyFactory,
  accessKeyListFactory,
  scimSummaryFactory,
} from '../../../../testing/factories';
import { mockBackend } from '../../../../testing/mock-backend';
import { renderApp } from '../../../../testing/render-app';
import { scimSummaryQueryOptions } from '../api/get-scim-summary';
import { accessKeysQueryOptions } from '../api/list-access-keys';

const scimSection = () => screen.findByRole('region', { name: 'SCIM provisioning' });

/** The value (dd) that follows the term (dt) `label`. */
function definitionOf(section: HTMLElement, label: string) {
  const term = within(section).getByText(label, { selector: 'dt' });
  return term.nextElementSibling as HTMLElement;
}

describe('SCIM provisioning section: what Okta pushed', () => {
  it('says no request arrived yet, with zero counts', async () => {
    renderApp('/');
    const section = await scimSection();
    expect(await within(section).findByText('No request from Okta yet')).toBeInTheDocument();
    expect(definitionOf(section, 'Active users')).toHaveTextContent('0');
    expect(definitionOf(section, 'Groups')).toHaveTextContent('0');
  });

  it('shows the counts and the last request: action, method, path, status and when', async () => {
    const at = new Date(Date.now() - 3 * 60_000).toISOString();
    mockBackend.scimSummary = scimSummaryFactory({
      users: { active: 12_345, deactivated: 2 },
      groups: 3,
      lastRequest: {
        at,
        method: 'POST',
        path: '/scim/v2/Users',
        status: 201,
        action: 'create_user',
      },
    });
    renderApp('/');
    const section = await scimSection();
    expect(await within(section).findByText('Create user')).toBeInTheDocument();
    expect(definitionOf(section, 'Active users')).toHaveTextContent('12,345');
    expect(definitionOf(section, 'Deactivated users')).toHaveTextContent('2');
    expect(definitionOf(section, 'Groups')).toHaveTextContent('3');
    const last = definitionOf(section, 'Last SCIM request');
    expect(last).toHaveTextContent('POST /scim/v2/Users');
    expect(last).toHaveTextContent('HTTP 201');
    expect(last).toHaveTextContent(/3 minutes ago \(.+\)/);
    expect(last.querySelector('time')).toHaveAttribute('dateTime', at);
    expect(within(section).queryByText('No request from Okta yet')).not.toBeInTheDocument();
  });

  it("names Okta's user lookup as such, in the Activity page's words", async () => {
    mockBackend.scimSummary = scimSummaryFactory({
      lastRequest: {
        at: new Date().toISOString(),
        method: 'GET',
        path: '/scim/v2/Users',
        status: 200,
        action: 'lookup_user',
      },
    });
    renderApp('/');
    const section = await scimSection();
    const last = await within(section).findByText('Look up user');
    expect(definitionOf(section, 'Last SCIM request')).toContainElement(last);
    expect(definitionOf(section, 'Last SCIM request')).toHaveTextContent('GET /scim/v2/Users');
    expect(within(section).queryByText(/lookup_user|Other/)).not.toBeInTheDocument();
  });

  it('shows the SCIM base URL with a copy button', async () => {
    mockBackend.scimSummary = scimSummaryFactory({
      scimBaseUrl: 'https://sso.acme.example/scim/v2',
    });
    const { user } = renderApp('/');
    const section = await scimSection();
    expect(await within(section).findByText('https://sso.acme.example/scim/v2')).toBeVisible();
    expect(section).toHaveTextContent(/Okta API Token.*Test the Integration/);
    await user.click(within(section).getByRole('button', { name: 'Copy SCIM base URL' }));
    expect(await navigator.clipboard.readText()).toBe('https://sso.acme.example/scim/v2');
  });

  it('asks again every 10 seconds or so, so Okta traffic shows up on its own', () => {
    expect(scimSummaryQueryOptions().refetchInterval).toBe(10_000);
    expect(accessKeysQueryOptions().refetchInterval).toBe(10_000);
  });
});

describe('SCIM provisioning section: the keys list', () => {
  it('lists each key by its first characters, with creation, last use and status', async () => {
    mockBackend.accessKeys = accessKeyListFactory([
      accessKeyFactory({
        prefix: 'osc_scim_NewKey01',
        createdBy: 'ops@acme.example',
        lastUsedAt: '2026-03-03T08:00:00.000Z',
      }),
      accessKeyFactory({ prefix: 'osc_scim_OldKey01', safeToRevoke: true }),
      accessKeyFactory({
        prefix: 'osc_scim_Revoked1',
        active: false,
        revokedAt: '2026-02-01T00:00:00.000Z',
      }),
    ]);
    renderApp('/');
    const table = await screen.findByRole('table', { name: 'Access keys' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const [newer, older, revoked] = rows as [HTMLElement, HTMLElement, HTMLElement];

    expect(newer).toHaveTextContent('osc_scim_NewKey01…');
    expect(newer).toHaveTextContent('by ops@acme.example');
    expect(newer.querySelector('time[datetime="2026-03-03T08:00:00.000Z"]')).not.toBeNull();
    expect(within(newer).getByText('Active')).toBeInTheDocument();
    expect(within(newer).queryByText(/safe to revoke/)).not.toBeInTheDocument();

    expect(older).toHaveTextContent('Never used');
    expect(
      within(older).getByText('Not used since the newer key; safe to revoke'),
    ).toBeInTheDocument();
    expect(
      within(older).getByRole('button', { name: 'Revoke osc_scim_OldKey01…' }),
    ).toBeInTheDocument();

    expect(within(revoked).getByText('Revoked')).toBeInTheDocument();
    expect(within(revoked).queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
  });

  it('says so when there is no key yet', async () => {
    renderApp('/');
    const table = await screen.findByRole('table', { name: 'Access keys' });
    expect(within(table).getByText(/No access keys yet/)).toBeInTheDocument();
  });
});
