/**
 * Test data in the contract's shapes. Each factory takes overrides, so a test states only what it
 * is about.
 */
import type { AdminSession, ConsoleSettings, IncomingKeysView } from '../shared/api';

type ConfiguredKeys = Extract<IncomingKeysView, { configured: true }>;

export function adminSessionFactory(overrides: Partial<AdminSession> = {}): AdminSession {
  return {
    admin: { email: 'admin@acme.example' },
    csrfToken: 'csrf-token-for-tests',
    ...overrides,
  };
}

export function settingsFactory(overrides: Partial<ConsoleSettings> = {}): ConsoleSettings {
  const publicUrl = overrides.publicUrl ?? 'https://console.acme.example';
  return {
    publicUrl,
    loginRedirectUri: `${publicUrl}/auth/okta/callback`,
    initiateLoginUri: `${publicUrl}/auth/okta`,
    allowHttpLoopbackIssuer: false,
    ...overrides,
  };
}

export function notConfiguredKeys(): IncomingKeysView {
  return { configured: false };
}

export function configuredKeysFactory(overrides: Partial<ConfiguredKeys> = {}): ConfiguredKeys {
  return {
    configured: true,
    clientId: '0oa1stored2client3id',
    issuerUri: 'https://acme.okta.com',
    serverKind: 'org',
    domainKind: 'okta',
    tokenEndpointAuthMethod: 'client_secret_basic',
    secretSetAt: '2026-03-01T09:30:00.000Z',
    verifiedAt: '2026-03-02T10:45:00.000Z',
    updatedAt: '2026-03-02T10:45:00.000Z',
    updatedBy: 'admin@acme.example',
    ...overrides,
  };
}
