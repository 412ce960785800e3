/**
 * Test data in the contract's shapes. Each factory takes overrides, so a test states only what it
 * is about.
 */
import type {
  AccessKeyList,
  AccessKeyView,
  AdminSession,
  AdminView,
  AuditEntry,
  ConsoleSettings,
  DeprovisioningBurst,
  DirectoryGroupView,
  GroupSuggestions,
  IncomingKeysView,
  LicenceTotals,
  ProvisioningEntry,
  ScimSummary,
  SeatEffect,
  SignInEvent,
  UserDetails,
  UserRow,
} from '../shared/api';

type ConfiguredKeys = Extract<IncomingKeysView, { configured: true }>;

export function adminSessionFactory(overrides: Partial<AdminSession> = {}): AdminSession {
  return {
    admin: { email: 'admin@acme.example' },
    csrfToken: 'csrf-token-for-tests',
    mustChangePassword: false,
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

let accessKeyIds = 0;

/** An active SCIM access key as the list shows it: only its first characters, never the key. */
export function accessKeyFactory(overrides: Partial<AccessKeyView> = {}): AccessKeyView {
  accessKeyIds += 1;
  return {
    id: accessKeyIds,
    prefix: `osc_scim_Key${String(accessKeyIds).padStart(5, '0')}`,
    createdAt: '2026-03-01T09:30:00.000Z',
    createdBy: 'admin@acme.example',
    firstUsedAt: null,
    lastUsedAt: null,
    revokedAt: null,
    active: true,
    safeToRevoke: false,
    ...overrides,
  };
}

export function accessKeyListFactory(keys: AccessKeyView[] = []): AccessKeyList {
  return { keys, maxActive: 2 };
}

/** A whole key in the server's format: `osc_scim_` and 51 base64url characters. */
export function accessKeySecretFactory(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const random = crypto.getRandomValues(new Uint8Array(51));
  return `osc_scim_${Array.from(random, (byte) => alphabet[byte % 64]).join('')}`;
}

/** What Okta has pushed so far: nothing, unless a test says otherwise. */
export function scimSummaryFactory(overrides: Partial<ScimSummary> = {}): ScimSummary {
  return {
    scimBaseUrl: 'https://console.acme.example/scim/v2',
    users: { active: 0, deactivated: 0 },
    groups: 0,
    lastRequest: null,
    ...overrides,
  };
}

let directoryGroupIds = 0;

/** A mapping as the Directory groups table lists it: synced, Basic, a few members. */
export function directoryGroupFactory(
  overrides: Partial<DirectoryGroupView> = {},
): DirectoryGroupView {
  directoryGroupIds += 1;
  return {
    id: directoryGroupIds,
    name: `Group ${String(directoryGroupIds).padStart(3, '0')}`,
    previousName: null,
    capability: 'basic',
    members: 3,
    status: 'synced',
    createdAt: '2026-03-03T08:00:00.000Z',
    createdBy: 'admin@acme.example',
    ...overrides,
  };
}

/** A group Okta pushed over SCIM, as the "Group name" suggestions list it. */
export function pushedGroupFactory(
  overrides: Partial<GroupSuggestions['groups'][number]> = {},
): GroupSuggestions['groups'][number] {
  const name = overrides.name ?? 'Sales';
  return { id: `scim-${name.toLowerCase()}`, name, mapped: false, ...overrides };
}

/** Nobody moves, unless a test says who does. */
export function seatEffectFactory(overrides: Partial<SeatEffect> = {}): SeatEffect {
  return {
    affectedUsers: 0,
    fromNoneToBasic: 0,
    fromNoneToPro: 0,
    fromBasicToPro: 0,
    fromProToBasic: 0,
    fromBasicToNone: 0,
    fromProToNone: 0,
    ...overrides,
  };
}

let userIds = 0;

/** An active provisioned user with Basic through one mapped group. */
export function userRowFactory(overrides: Partial<UserRow> = {}): UserRow {
  userIds += 1;
  const userName = overrides.userName ?? `user${userIds}@acme.example`;
  return {
    id: `00u${String(userIds).padStart(6, '0')}`,
    name: `User ${userIds}`,
    userName,
    email: userName,
    active: true,
    licence: 'basic',
    groups: [{ name: 'Everyone', capability: 'basic' }],
    groupCount: 1,
    lastSignInAt: null,
    ...overrides,
  };
}

export function userDetailsFactory(overrides: Partial<UserDetails> = {}): UserDetails {
  const userName = overrides.userName ?? 'ada.lovelace@acme.example';
  return {
    id: '5f0c1b0e-7a55-4c1e-9d0e-000000000001',
    userName,
    name: 'Ada Lovelace',
    givenName: 'Ada',
    familyName: 'Lovelace',
    emails: [{ value: userName, type: 'work', primary: true }],
    externalId: '00u1ada',
    locale: 'en-GB',
    active: true,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-06T09:00:00.000Z',
    licence: 'pro',
    licenceReason: { kind: 'group', groupId: 'g-leads', groupName: 'Leads', capability: 'pro' },
    groups: [
      { id: 'g-leads', name: 'Leads', capability: 'pro' },
      { id: 'g-everyone', name: 'Everyone', capability: 'basic' },
      { id: 'g-books', name: 'Book club', capability: null },
    ],
    lastSignInAt: null,
    provisioning: [],
    signIns: [],
    ...overrides,
  };
}

export function licenceTotalsFactory(overrides: Partial<LicenceTotals> = {}): LicenceTotals {
  return { pro: 0, basic: 0, none: 0, deactivated: 0, ...overrides };
}

let signInEventIds = 0;

/** A refused end-user sign-in: in no group mapped to Basic or Pro. */
export function signInRefusalFactory(overrides: Partial<SignInEvent> = {}): SignInEvent {
  signInEventIds += 1;
  return {
    id: signInEventIds,
    at: '2026-03-04T10:00:00.000Z',
    login: 'nogroup@acme.example',
    outcome: 'refused',
    reason: 'no_licence',
    message:
      'The person is in no group mapped to Basic or Pro. Add them to a mapped group in Okta.',
    ...overrides,
  };
}

let provisioningEntryIds = 0;

/** A SCIM request Okta sent, as the Activity page lists it: a user created, 201, nothing odd. */
export function provisioningEntryFactory(
  overrides: Partial<ProvisioningEntry> = {},
): ProvisioningEntry {
  provisioningEntryIds += 1;
  return {
    id: provisioningEntryIds,
    at: '2026-03-04T10:00:00.000Z',
    method: 'POST',
    path: '/scim/v2/Users',
    action: 'create_user',
    outcome: 'success',
    status: 201,
    durationMs: 12,
    resourceType: 'User',
    resourceId: `scim-user-${provisioningEntryIds}`,
    resourceName: `user${provisioningEntryIds}@acme.example`,
    changes: [],
    notApplied: [],
    error: null,
    ...overrides,
  };
}

let auditEntryIds = 0;

/** An admin change as the audit log lists it: a group mapped to Pro. */
export function auditEntryFactory(overrides: Partial<AuditEntry> = {}): AuditEntry {
  auditEntryIds += 1;
  return {
    id: auditEntryIds,
    at: '2026-03-04T09:00:00.000Z',
    kind: 'group_mapping_added',
    actor: 'admin@acme.example',
    summary: 'Mapped group Engineering to Pro',
    details: { group: 'Engineering', capability: 'pro' },
    ...overrides,
  };
}

let burstIds = 0;

/** An open deprovisioning burst: 30 users (25%) deactivated in 4 minutes, not undone yet. */
export function deprovisioningBurstFactory(
  overrides: Partial<DeprovisioningBurst> = {},
): DeprovisioningBurst {
  burstIds += 1;
  return {
    id: burstIds,
    startedAt: '2026-03-04T11:00:00.000Z',
    lastAt: '2026-03-04T11:04:00.000Z',
    deactivated: 30,
    share: 0.25,
    reactivatedAt: null,
    reactivatedBy: null,
    ...overrides,
  };
}

export function adminViewFactory(overrides: Partial<AdminView> = {}): AdminView {
  return {
    id: 1,
    email: 'admin@acme.example',
    createdAt: '2026-11-01T09:00:00.000Z',
    you: true,
    activeSessions: 1,
    ...overrides,
  };
}
