import type { Db } from '../../db/database';
import { DeprovisioningGuard, type DeprovisioningOptions } from '../activity/deprovisioning';
import { ScimActivity } from './activity';
import { ScimGroups } from './groups';
import { ScimUsers } from './users';

export interface ScimServices {
  /** `{PUBLIC_URL}/scim/v2` */
  baseUrl: string;
  users: ScimUsers;
  groups: ScimGroups;
  activity: ScimActivity;
  /** Watches Okta's deactivations for bursts; never changes a SCIM answer. */
  deprovisioning: DeprovisioningGuard;
}

const DEFAULT_DEPROVISIONING: DeprovisioningOptions = {
  windowMinutes: 10,
  alertShare: 0.2,
  minBurst: 5,
};

export function createScimServices(
  db: Db,
  publicUrl: string,
  options: {
    deprovisioning?: DeprovisioningOptions;
    now?: () => Date;
    /** Told when Okta deactivates or deletes a person: everything they hold elsewhere ends. */
    onDeactivated?: (userId: string) => Promise<unknown>;
  } = {},
): ScimServices {
  const baseUrl = `${publicUrl}/scim/v2`;
  const deprovisioning = new DeprovisioningGuard(
    db,
    options.deprovisioning ?? DEFAULT_DEPROVISIONING,
    options.now,
  );
  // The change is stored and Okta gets its usual answer even if the safety net fails.
  const onActiveChange = async (userId: string, active: boolean) => {
    if (!active) await options.onDeactivated?.(userId);
    await deprovisioning.observe(userId, active).catch(() => undefined);
  };
  return {
    baseUrl,
    users: new ScimUsers(db, baseUrl, onActiveChange, options.onDeactivated),
    groups: new ScimGroups(db, baseUrl),
    activity: new ScimActivity(db, baseUrl),
    deprovisioning,
  };
}
