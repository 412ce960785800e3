import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../../../../shared/api';
import { configuredKeysFactory, settingsFactory } from '../../../../testing/factories';
import { mockBackend } from '../../../../testing/mock-backend';
import { apiError, handle, server } from '../../../../testing/msw';
import { renderApp } from '../../../../testing/render-app';

async function incomingKeysSection() {
  return screen.findByRole('region', { name: 'Incoming keys' });
}

describe('Incoming keys section', () => {
  it('says sign-in is not configured yet when nothing is stored', async () => {
    renderApp('/');
    const section = await incomingKeysSection();
    expect(await within(section).findByText(/not configured yet/)).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: 'Verify now' })).not.toBeInTheDocument();
  });

  it('shows the stored keys, never a secret, with dates a person can read', async () => {
    mockBackend.incomingKeys = configuredKeysFactory({
      clientId: '0oa-shown-client',
      issuerUri: 'https://acme.okta.com',
      serverKind: 'org',
      secretSetAt: '2026-03-01T09:30:00.000Z',
      verifiedAt: '2026-03-02T10:45:00.000Z',
    });
    renderApp('/');
    const section = await incomingKeysSection();
    expect(await within(section).findByText('0oa-shown-client')).toBeInTheDocument();
    expect(within(section).getByText('https://acme.okta.com')).toBeInTheDocument();
    expect(within(section).getByText('Org authorization server')).toBeInTheDocument();
    expect(within(section).queryByText('custom domain')).not.toBeInTheDocument();
    const secretLine = within(section).getByText(/^Client secret: set on/);
    expect(secretLine.querySelector('time')).toHaveAttribute(
      'dateTime',
      '2026-03-01T09:30:00.000Z',
    );
    expect(secretLine).not.toHaveTextContent('2026-03-01T09:30');
    const verifiedLine = within(section).getByText(/^Last verified:/);
    expect(verifiedLine.querySelector('time')).toHaveAttribute('title', '2026-03-02T10:45:00.000Z');
  });

  it('labels a custom authorization server on a custom domain', async () => {
    mockBackend.incomingKeys = configuredKeysFactory({
      issuerUri: 'https://login.acme.example/oauth2/default',
      serverKind: 'custom',
      domainKind: 'custom-domain',
    });
    renderApp('/');
    const section = await incomingKeysSection();
    expect(await within(section).findByText('Custom authorization server')).toBeInTheDocument();
    expect(within(section).getByText('custom domain')).toBeInTheDocument();
  });

  it('shows what to paste into Okta, each with a copy button', async () => {
    mockBackend.settings = settingsFactory({ publicUrl: 'https://sso.acme.example' });
    const { user } = renderApp('/');
    const section = await incomingKeysSection();
    const redirect = 'https://sso.acme.example/auth/okta/callback';
    expect(await within(section).findByText(redirect)).toBeInTheDocument();
    expect(within(section).getByText('https://sso.acme.example/auth/okta')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Copy Login Redirect URI' }));
    expect(await navigator.clipboard.readText()).toBe(redirect);
    expect(within(section).getByText('Login Redirect URI copied.')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Copy Initiate Login URI' }));
    expect(await navigator.clipboard.readText()).toBe('https://sso.acme.example/auth/okta');
  });

  it('verifies the stored keys again on "Verify now"', async () => {
    mockBackend.incomingKeys = configuredKeysFactory({ verifiedAt: '2026-03-02T10:45:00.000Z' });
    const { user } = renderApp('/');
    const section = await incomingKeysSection();
    await user.click(await within(section).findByRole('button', { name: 'Verify now' }));
    expect(await screen.findByText('Incoming keys verified with Okta.')).toBeInTheDocument();
    expect(
      within(section)
        .getByText(/^Last verified:/)
        .querySelector('time'),
    ).not.toHaveAttribute('dateTime', '2026-03-02T10:45:00.000Z');
  });

  it('shows why "Verify now" failed', async () => {
    const message =
      'The discovery document at https://acme.okta.com did not answer within 5 seconds.';
    mockBackend.incomingKeys = configuredKeysFactory();
    server.use(
      handle(api.verifyIncomingKeys, () =>
        apiError(400, 'invalid', message, { issuerUri: message }),
      ),
    );
    const { user } = renderApp('/');
    const section = await incomingKeysSection();
    await user.click(await within(section).findByRole('button', { name: 'Verify now' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent(message);
  });
});

describe('ALLOW_HTTP_LOOPBACK_ISSUER warning', () => {
  it('shows when the server accepts loopback http issuers', async () => {
    mockBackend.settings = settingsFactory({ allowHttpLoopbackIssuer: true });
    renderApp('/');
    const warning = await screen.findByText(/ALLOW_HTTP_LOOPBACK_ISSUER is on/);
    expect(warning).toHaveTextContent(/127\.0\.0\.1.*localhost.*tests and demos only/);
  });

  it('is absent by default', async () => {
    renderApp('/');
    await screen.findByText('Login Redirect URI');
    expect(screen.queryByText(/ALLOW_HTTP_LOOPBACK_ISSUER/)).not.toBeInTheDocument();
  });
});
