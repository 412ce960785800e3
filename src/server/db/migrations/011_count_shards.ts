import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect';
import { scimCountFunctions } from './pg/scim-counts';

/**
 * PostgreSQL only (SQLite has one writer; nothing changes there). Each SCIM total in
 * `scim_counts` becomes up to SHARDS rows, `(name, shard)`, and the counter triggers add to the
 * row of their backend: one row per total made every create wait, until the create before it
 * committed, for that row's lock (measured: 2.4 of 2.7 busy backends waited there with 8 jobs on
 * two instances). Readers sum the rows of a total (services/scim/counts.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table scim_counts add column shard integer not null default 0`.execute(db);
  await sql`alter table scim_counts drop constraint scim_counts_pkey`.execute(db);
  await sql`alter table scim_counts add primary key (name, shard)`.execute(db);
  for (const statement of scimCountFunctions(true)) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const statement of scimCountFunctions(false)) await sql.raw(statement).execute(db);
  // Shard 0 holds each total's original row (it was given shard 0): the totals go back into it.
  await sql`update scim_counts c set value = t.value
    from (select name, sum(value) as value from scim_counts group by name) t
    where c.name = t.name and c.shard = 0`.execute(db);
  await sql`delete from scim_counts where shard <> 0`.execute(db);
  await sql`alter table scim_counts drop constraint scim_counts_pkey`.execute(db);
  await sql`alter table scim_counts drop column shard`.execute(db);
  await sql`alter table scim_counts add primary key (name)`.execute(db);
}
