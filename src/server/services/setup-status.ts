import { sql } from 'kysely';
import type { SetupStatus } from '../../shared/api/setup-status';
import type { Db } from '../db/database';

/**
 * The four setup steps, from what is stored (one query, four index lookups). Each step reads
 * something that outlives the activity retention: a key's first use, a bound mapping, the
 * per-person last sign-in.
 */
export async function setupStatusOf(db: Db): Promise<SetupStatus> {
  const exists = (query: string) => sql<number>`exists (${sql.raw(query)})`;
  const row = await db
    .selectNoFrom([
      exists('select 1 from incoming_keys').as('keys'),
      exists(
        'select 1 from scim_access_keys where first_used_at is not null union all select 1 from scim_requests',
      ).as('scim'),
      exists('select 1 from directory_group_mappings where scim_group_id is not null').as('mapped'),
      exists(
        "select 1 from end_user_last_sign_in union all select 1 from sign_in_events where outcome = 'signed_in'",
      ).as('signedIn'),
    ])
    .executeTakeFirstOrThrow();
  return {
    incomingKeys: Boolean(Number(row.keys)),
    scimRequest: Boolean(Number(row.scim)),
    groupMapped: Boolean(Number(row.mapped)),
    personSignedIn: Boolean(Number(row.signedIn)),
  };
}
