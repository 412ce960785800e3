import type { Config } from '../config';
import type { Db } from '../db/database';
import { AuditLog } from './activity/audit-log';
import type { SecretBox } from './crypto';
import { EndUserAuthService } from './end-user-auth';
import { SignInEvents } from './end-user-auth-events';
import { EndUserSessions } from './end-user-sessions';
import type { OidcClientSettings } from './incoming-keys';
import { LicenceService } from './licences';

/** The end-user sign-in service with its sessions and sign-in events, as the app uses it. */
export function createEndUserAuth(
  config: Config,
  db: Db,
  box: SecretBox,
  clientSettings: () => Promise<OidcClientSettings | undefined>,
): EndUserAuthService {
  return new EndUserAuthService(
    db,
    clientSettings,
    box,
    new LicenceService(db),
    new EndUserSessions(db, config.endUserSessionTtlMs),
    new SignInEvents(db, new AuditLog(db)),
    {
      redirectUri: `${config.publicUrl}/auth/okta/callback`,
      allowHttpLoopbackIssuer: config.allowHttpLoopbackIssuer,
      timeoutMs: config.discoveryTimeoutMs,
      publicUrl: config.publicUrl,
      allowedHosts: config.forwardAuthAllowedHosts,
    },
  );
}
