import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';

export type CountName = Database['scim_counts']['name'];

/**
 * The totals the counter triggers keep (migration 002). On PostgreSQL each total is spread over
 * several rows (migration 011: concurrent writers add to different rows), so a total is always
 * the sum of its rows; on SQLite it is one row.
 */
export async function scimCounts(db: Db): Promise<Record<CountName, number>> {
  const rows = await db
    .selectFrom('scim_counts')
    .select(['name', (eb) => eb.fn.sum<number>('value').as('value')])
    .groupBy('name')
    .execute();
  const counts = { users_active: 0, users_inactive: 0, users_deleted: 0, groups: 0 };
  for (const row of rows) counts[row.name] = Number(row.value);
  return counts;
}

/** One total, or the sum of several. */
export async function scimCount(db: Db, ...names: CountName[]): Promise<number> {
  const row = await db
    .selectFrom('scim_counts')
    .select((eb) => eb.fn.sum<number>('value').as('n'))
    .where('name', 'in', names)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
