import type { Kysely } from 'kysely';

/**
 * The console as an OpenID Provider (issue 13): the applications that sign people in through it,
 * oidc-provider's artefacts (sessions, grants, codes, tokens, interactions) and its keys. Schema
 * builder only, so the same migration runs on SQLite and PostgreSQL. Timestamps are ISO strings,
 * as in every other table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('applications')
    // The OAuth client_id: random, shown in the console.
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON arrays of URLs.
    .addColumn('redirect_uris', 'text', (c) => c.notNull())
    .addColumn('post_logout_redirect_uris', 'text', (c) => c.notNull())
    // sha256 of the secret; the secret itself is shown once and never stored.
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    // The secret before the last rotation, valid until previous_secret_expires_at.
    .addColumn('previous_secret_hash', 'text')
    .addColumn('previous_secret_expires_at', 'text')
    .addColumn('secret_set_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('oidc_payloads')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('user_code', 'text')
    .addColumn('uid', 'text')
    // The SCIM id of the person (accountId), so a deactivation ends everything of theirs.
    .addColumn('account_id', 'text')
    // The application's client_id, so removing it ends what it was issued.
    .addColumn('client_id', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('consumed_at', 'text')
    .addPrimaryKeyConstraint('oidc_payloads_pk', ['model', 'id'])
    .execute();
  for (const column of [
    'grant_id',
    'uid',
    'account_id',
    'client_id',
    'expires_at',
    'user_code',
  ] as const) {
    await db.schema
      .createIndex(`oidc_payloads_${column}`)
      .on('oidc_payloads')
      .column(column)
      .execute();
  }

  await db.schema
    .createTable('oidc_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    // 'sig': a signing key (private JWK sealed); 'cookie': a key for oidc-provider's cookies.
    .addColumn('use', 'text', (c) => c.notNull())
    .addColumn('alg', 'text', (c) => c.notNull())
    // SecretBox (AES-256-GCM with the key from SECRET_KEY) of the private JWK or cookie key.
    .addColumn('private_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Set when a newer key took over; the public key stays in the JWKS for a while after.
    .addColumn('retired_at', 'text')
    .execute();
  await db.schema
    .createIndex('oidc_keys_use')
    .on('oidc_keys')
    .columns(['use', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('oidc_keys').execute();
  await db.schema.dropTable('oidc_payloads').execute();
  await db.schema.dropTable('applications').execute();
}
