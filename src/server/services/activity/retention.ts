import type { Db } from '../../db/database';
import type { ScimActivity } from '../scim/activity';
import type { AuditLog } from './audit-log';
import type { DeprovisioningGuard } from './deprovisioning';

const DAY_MS = 86_400_000;

/**
 * Keeps provisioning activity, audit entries, end-user sign-in events and deprovisioning bursts
 * for `days`; the server calls `prune` at start and hourly.
 */
export class Retention {
  constructor(
    private readonly db: Db,
    private readonly parts: {
      activity: ScimActivity;
      audit: AuditLog;
      bursts: DeprovisioningGuard;
    },
    private readonly days: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  cutoff(): string {
    return new Date(this.now().getTime() - this.days * DAY_MS).toISOString();
  }

  async prune(): Promise<void> {
    const cutoff = this.cutoff();
    await this.parts.activity.pruneBefore(cutoff);
    await this.parts.audit.pruneBefore(cutoff);
    await this.parts.bursts.pruneBefore(cutoff);
    await this.db.deleteFrom('sign_in_events').where('at', '<', cutoff).execute();
  }
}
