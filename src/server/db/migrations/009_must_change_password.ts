import type { Kysely } from 'kysely';

/**
 * An admin whose password the console made (the first admin without ADMIN_PASSWORD, one added on
 * the Administrators page, a reset from the command line without ADMIN_PASSWORD) must choose
 * their own before anything else: 1 until they do. Stored as 0/1, as `scim_users.active` is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('admins')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('admins').dropColumn('must_change_password').execute();
}
