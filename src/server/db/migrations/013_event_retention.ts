import type { Kysely } from 'kysely';

/**
 * How far the outbox has been pruned (ACTIVITY_RETENTION_DAYS): events with a seq up to
 * `pruned_through` may be gone. The events API compares cursors with it, so a reader whose
 * cursor is older than what is kept is told so (410) instead of silently missing events. One
 * row. Portable: the schema builder only (SQLite and PostgreSQL).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('event_retention')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('pruned_through', 'bigint', (c) => c.notNull())
    .addColumn('pruned_at', 'text')
    .execute();
  await (db as Kysely<{ event_retention: { id: number; pruned_through: number } }>)
    .insertInto('event_retention')
    .values({ id: 1, pruned_through: 0 })
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('event_retention').execute();
}
