/**
 * Two servers on one database, as two instances behind a load balancer: each its own app, its
 * own services (and whatever they keep in memory) and, on PostgreSQL, its own connection pool.
 */
import { type Harness, type HarnessOptions, startHarness } from './server-harness';
import { openTestDatabase, type TestDatabase } from './test-database';

export interface TwoInstances {
  a: Harness;
  b: Harness;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTwoInstances(options: HarnessOptions = {}): Promise<TwoInstances> {
  const database = await openTestDatabase();
  const a = await startHarness({ ...options, db: database.db });
  const b = await startHarness({ ...options, db: database.another() });
  return {
    a,
    b,
    database,
    async close() {
      await a.close();
      await b.close();
      await database.close();
    },
  };
}
