import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

/**
 * Events for the application (issue 14): the outbox, the fan-out of a mapping change, webhook
 * endpoints and their deliveries, and read-only API keys. Built with Kysely's schema builder so
 * it runs on SQLite and PostgreSQL alike; only the auto-numbered key differs by dialect.
 *
 * - `events`: one row per change, written in the transaction of the change. `seq` is the cursor
 *   of the events API and of each endpoint's dispatch.
 * - `event_fanout_jobs` / `event_fanout_users`: a mapping change that moves many people records
 *   `mapping.changed` and the moved people (before and after rank) in its own transaction; a
 *   worker writes their `user.licence_changed` events in batches and resumes after a crash.
 * - `webhook_endpoints`: the signing secret sealed with SecretBox; `cursor` is the last event seq
 *   turned into deliveries for it.
 * - `webhook_deliveries`: what is due, claimed with a lease (`locked_until`) so that two
 *   instances never send the same delivery at once; `order_key` keeps one person's (or group's)
 *   events in order.
 */
function autoId(db: Kysely<unknown>) {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const type = pg ? 'bigserial' : 'integer';
  const build = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey() : col.primaryKey().autoIncrement();
  return [type, build] as const;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const [idType, idColumn] = autoId(db);
  await db.schema
    .createTable('events')
    .addColumn('seq', idType, idColumn)
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('subject_user_id', 'text')
    .addColumn('subject_group_id', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_occurred_at').on('events').column('occurred_at').execute();

  await db.schema
    .createTable('event_fanout_jobs')
    .addColumn('id', idType, idColumn)
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('written', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('done_at', 'text')
    .execute();
  await db.schema
    .createTable('event_fanout_users')
    .addColumn('job_id', 'integer', (c) => c.notNull())
    .addColumn('user_seq', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('before_rank', 'integer', (c) => c.notNull())
    .addColumn('after_rank', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_fanout_users_pk', ['job_id', 'user_seq'])
    .execute();
  await db.schema
    .createIndex('event_fanout_users_user')
    .on('event_fanout_users')
    .column('user_seq')
    .execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', idType, idColumn)
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('disabled_reason', 'text')
    .addColumn('disabled_at', 'text')
    .addColumn('cursor', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', idType, idColumn)
    .addColumn('endpoint_id', 'integer', (c) =>
      c.notNull().references('webhook_endpoints.id').onDelete('cascade'),
    )
    .addColumn('event_seq', 'integer')
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('order_key', 'text', (c) => c.notNull())
    /** Only for test events, which are not in the outbox. */
    .addColumn('payload', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_duration_ms', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_response', 'text')
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['endpoint_id', 'status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_order')
    .on('webhook_deliveries')
    .columns(['endpoint_id', 'order_key', 'status'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_endpoint')
    .on('webhook_deliveries')
    .columns(['endpoint_id', 'id'])
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', idType, idColumn)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'api_keys',
    'webhook_deliveries',
    'webhook_endpoints',
    'event_fanout_users',
    'event_fanout_jobs',
    'events',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
