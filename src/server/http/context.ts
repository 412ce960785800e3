import type { Config } from '../config';
import type { Db } from '../db/database';
import type { AccessKeysService } from '../services/access-keys';
import type { AuditLog } from '../services/activity/audit-log';
import type { ProvisioningLog } from '../services/activity/provisioning-log';
import type { Retention } from '../services/activity/retention';
import type { SyncHealthService } from '../services/activity/sync-health';
import type { AdminAccounts } from '../services/admin-accounts';
import type { AdminAuthenticator } from '../services/admins';
import type { ApiKeysService } from '../services/api-keys';
import type { ApplicationsService } from '../services/applications';
import type { DirectoryGroupsService } from '../services/directory-groups';
import type { EndUserAuthService } from '../services/end-user-auth';
import type { ReadApi } from '../services/events/read-api';
import type { EventRetention } from '../services/events/retention';
import type { EventLoop } from '../services/events/workers';
import type { IncomingKeysService } from '../services/incoming-keys';
import type { LicenceService } from '../services/licences';
import type { OidcProviderHost } from '../services/oidc/host';
import type { OidcKeys } from '../services/oidc/keys';
import type { FailureLimiter } from '../services/rate-limit';
import type { ScimServices } from '../services/scim';
import type { AdminSessions } from '../services/sessions';
import type { UserDetailsService } from '../services/user-details';
import type { GuardOptions, Resolver } from '../services/webhooks/address-guard';
import type { WebhookEndpoints } from '../services/webhooks/endpoints';

/** What route adapters may use: configuration and services, never each other. */
export interface AppContext {
  config: Config;
  db: Db;
  admins: AdminAuthenticator;
  adminAccounts: AdminAccounts;
  sessions: AdminSessions;
  incomingKeys: IncomingKeysService;
  accessKeys: AccessKeysService;
  scim: ScimServices;
  directoryGroups: DirectoryGroupsService;
  licences: LicenceService;
  userDetails: UserDetailsService;
  endUserAuth: EndUserAuthService;
  audit: AuditLog;
  provisioningLog: ProvisioningLog;
  syncHealth: SyncHealthService;
  retention: Retention;
  applications: ApplicationsService;
  /** The console's OpenID Provider, rebuilt when its keys rotate. */
  oidc: OidcProviderHost;
  oidcKeys: OidcKeys;
  apiKeys: ApiKeysService;
  /** Failed API-key authentications per address (api-key-auth.ts). */
  apiKeyFailures: FailureLimiter;
  webhooks: WebhookEndpoints;
  /** What webhook URLs and deliveries may reach. */
  webhookGuard: GuardOptions & { resolver: Resolver };
  readApi: ReadApi;
  eventRetention: EventRetention;
  eventWorkers: EventLoop;
}
