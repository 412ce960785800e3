import type {
  AccessKeyList,
  AdminSession,
  AdminView,
  ApiKeyView,
  ApplicationView,
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
  SetupStatus,
  SignInEvent,
  SyncWarning,
  UserDetails,
  UserRow,
  WebhookDelivery,
  WebhookEndpointView,
} from '../shared/api';
import {
  accessKeyListFactory,
  adminSessionFactory,
  adminViewFactory,
  licenceTotalsFactory,
  notConfiguredKeys,
  scimSummaryFactory,
  seatEffectFactory,
  settingsFactory,
} from './factories';

interface MockBackendState {
  /** null: nobody is signed in, so GET /api/session answers `{ signedIn: false }`. */
  session: AdminSession | null;
  /** The console's administrators; the one with `you` is the signed-in admin. */
  admins: AdminView[];
  settings: ConsoleSettings;
  incomingKeys: IncomingKeysView;
  /** SCIM access keys, newest first, as GET /api/access-keys lists them. */
  accessKeys: AccessKeyList;
  scimSummary: ScimSummary;
  /** Directory-group mappings; the handlers page, sort and filter them as the server does. */
  directoryGroups: DirectoryGroupView[];
  /** Groups Okta pushed: "Group name" suggests them, and a new mapping must name one exactly. */
  pushedGroups: Omit<GroupSuggestions['groups'][number], 'mapped'>[];
  /** What GET /api/directory-groups/seat-effect answers, whatever is asked. */
  seatEffect: SeatEffect;
  /** Provisioned users; the handlers search, filter and page them as the server does. */
  users: UserRow[];
  /** The main page's checklist (GET /api/setup-status). */
  setupStatus: SetupStatus;
  /** Each person's page (GET /api/users/{id}), by id; any other id is 404. */
  userDetails: Record<string, UserDetails>;
  licenceTotals: LicenceTotals;
  /** End-user sign-ins and refusals, newest first. */
  signInEvents: SignInEvent[];
  /** SCIM requests Okta sent, in any order: the handlers filter, order newest first and page. */
  provisioning: ProvisioningEntry[];
  /** Admin changes and sign-ins, in any order. */
  audit: AuditEntry[];
  /** What GET /api/sync-health warns about (the rest of its answer is read from `provisioning`). */
  syncWarnings: SyncWarning[];
  /** Deprovisioning bursts; those not reactivated yet are the health's `openBursts`. */
  bursts: DeprovisioningBurst[];
  /** Burst id → ids (in `users`) of the users it deactivated, set active again on reactivation. */
  burstUsers: Record<number, string[]>;
  /** Applications signing people in through the console's OpenID Provider. */
  applications: ApplicationView[];
  /** Webhook endpoints, and each one's deliveries newest first. */
  webhooks: WebhookEndpointView[];
  deliveries: Record<number, WebhookDelivery[]>;
  /** Read-only API keys, newest first. */
  apiKeys: ApiKeyView[];
}

function initialState(): MockBackendState {
  return {
    session: adminSessionFactory(),
    admins: [adminViewFactory()],
    settings: settingsFactory(),
    incomingKeys: notConfiguredKeys(),
    accessKeys: accessKeyListFactory(),
    scimSummary: scimSummaryFactory(),
    directoryGroups: [],
    pushedGroups: [],
    seatEffect: seatEffectFactory(),
    users: [],
    userDetails: {},
    setupStatus: {
      incomingKeys: false,
      scimRequest: false,
      groupMapped: false,
      personSignedIn: false,
    },
    licenceTotals: licenceTotalsFactory(),
    signInEvents: [],
    provisioning: [],
    audit: [],
    syncWarnings: [],
    bursts: [],
    burstUsers: {},
    applications: [],
    webhooks: [],
    deliveries: {},
    apiKeys: [],
  };
}

/** What the default MSW handlers serve and store; a test sets the parts it is about. */
export const mockBackend: MockBackendState & { reset(): void } = {
  ...initialState(),
  reset() {
    Object.assign(this, initialState());
  },
};
