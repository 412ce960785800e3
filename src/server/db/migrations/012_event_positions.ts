import { type Kysely, sql } from 'kysely';
import type { Db } from '../database';
import { isPostgres } from '../dialect';
import { positionEvents } from '../event-positions';

/**
 * PostgreSQL only (on SQLite, with its one writer, a row's seq at insert is its commit order).
 *
 * PostgreSQL hands out sequence values at insert, not at commit: a writer could commit seq 8
 * before another commits seq 7, and a reader at cursor 8 would never see 7. Every event writer
 * held one lock until it committed so that seq order was commit order, which made every SCIM
 * write of every instance wait for the one before. Now an event is written without a position
 * (`seq` null; `ins`, its insertion order), and committed events are given their positions
 * afterwards, by one sequencer at a time (db/event-positions.ts): a later batch's positions
 * are always above an earlier batch's, so a reader's cursor never passes an event that has none
 * yet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`alter table events drop constraint events_pkey`.execute(db);
  // The column keeps its sequence (owned by it): the sequencer draws positions from it.
  await sql`alter table events alter column seq drop default, alter column seq drop not null`.execute(
    db,
  );
  await sql`alter table events add column ins bigserial not null`.execute(db);
  await sql`create unique index events_seq on events (seq)`.execute(db);
  await sql`create unique index events_unsequenced on events (ins) where seq is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await positionEvents(db as Db);
  await sql`drop index events_unsequenced`.execute(db);
  await sql`drop index events_seq`.execute(db);
  await sql`alter table events drop column ins`.execute(db);
  const { rows } = await sql<{
    name: string;
  }>`select pg_get_serial_sequence('events', 'seq') as name`.execute(db);
  const sequence = sql.lit(rows[0]?.name ?? 'events_seq_seq');
  await sql`alter table events alter column seq set not null,
    alter column seq set default nextval(${sequence}::regclass)`.execute(db);
  await sql`alter table events add primary key (seq)`.execute(db);
}
