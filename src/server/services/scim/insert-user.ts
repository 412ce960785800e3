import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { eventRows, type NewEvent } from '../events/outbox';
import type { UserIndex } from './user-doc';

type NewUser = Omit<Database['scim_users'], 'seq' | 'licence_rank'>;

/**
 * PostgreSQL: a new user, their emails and the `user.created` event in one statement (data-
 * modifying CTEs): one round trip, atomic without a transaction. A POST /Users took nine
 * before (begin, a uniqueness look, three inserts, a lock, commit...). The unique index answers
 * a userName already taken (23505, the caller's 409); two creates of one name wait on each
 * other there, as in any transaction.
 */
export async function insertUser(
  db: Db,
  row: NewUser,
  emails: UserIndex['emails'],
  event: NewEvent,
): Promise<void> {
  await db
    .with('u', (q) => q.insertInto('scim_users').values(row).returning('seq'))
    .with('e', (q) =>
      q
        .insertInto('scim_user_emails')
        .columns(['user_seq', 'value_key', 'type_key', 'is_primary'])
        .expression(
          sql`select u.seq, x.v, x.t, x.p from u, unnest(
            ${emails.map((e) => e.value_key)}::text[],
            ${emails.map((e) => e.type_key)}::text[],
            ${emails.map((e) => e.is_primary)}::integer[]) as x(v, t, p)`,
        ),
    )
    .with('ev', (q) => q.insertInto('events').values(eventRows([event])))
    .selectFrom('u')
    .select('u.seq')
    .executeTakeFirstOrThrow();
}
