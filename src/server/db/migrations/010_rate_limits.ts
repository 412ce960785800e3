import type { Kysely } from 'kysely';

/**
 * Failed sign-ins and SCIM authentications, counted per key (an email, an address) in a sliding
 * window. They were counted in memory, so each instance of the server had its own count: two
 * instances let twice the allowed guesses through. Rows older than the window are deleted.
 * Portable: the schema builder only (SQLite and PostgreSQL).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limit_failures')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_failures_subject')
    .on('rate_limit_failures')
    .columns(['scope', 'subject', 'at_ms'])
    .execute();
  await db.schema
    .createIndex('rate_limit_failures_at')
    .on('rate_limit_failures')
    .columns(['scope', 'at_ms'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_failures').execute();
}
