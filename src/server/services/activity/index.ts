import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { ScimServices } from '../scim';
import { AuditLog } from './audit-log';
import type { DeprovisioningOptions } from './deprovisioning';
import { ProvisioningLog } from './provisioning-log';
import { Retention } from './retention';
import { SyncHealthService } from './sync-health';

export function deprovisioningOptions(config: Config): DeprovisioningOptions {
  return {
    windowMinutes: config.deprovisioningWindowMinutes,
    alertShare: config.deprovisioningAlertShare,
    minBurst: config.deprovisioningMinBurst,
  };
}

/** The audit log, and the console's views of provisioning: activity, health, retention. */
export function createActivityServices(db: Db, config: Config, scim: ScimServices) {
  const audit = new AuditLog(db);
  return {
    audit,
    provisioningLog: new ProvisioningLog(db, scim.activity),
    syncHealth: new SyncHealthService(db, scim.activity, scim.deprovisioning, {
      silentDays: config.oktaSilentWarningDays,
    }),
    retention: new Retention(
      db,
      { activity: scim.activity, audit, bursts: scim.deprovisioning },
      config.activityRetentionDays,
    ),
  };
}
