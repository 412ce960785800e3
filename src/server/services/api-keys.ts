import { randomBytes } from 'node:crypto';
import type { ApiKeyView, CreatedApiKey } from '../../shared/api/api-keys';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { keyFromHeader } from './access-keys';
import { constantTimeEqual, sha256 } from './crypto';
import { ServiceError } from './errors';

/** Recognisable when leaked, like SCIM keys (`osc_scim_`). */
export const API_KEY_PREFIX = 'osc_api_';
const RANDOM_BYTES = 38;
const SHOWN = API_KEY_PREFIX.length + 8;
const KEY_FORMAT = /^osc_api_[A-Za-z0-9_-]{51}$/;
const TOUCH_EVERY_MS = 60_000;
const UNAUTHENTICATED =
  'The API key is missing, wrong or revoked. Send Authorization: Bearer osc_api_...';

type Row = Database['api_keys'] & { id: number };

function toView(row: Row): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: 'read',
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    active: row.revoked_at === null,
  };
}

/** Read-only keys for the events and directory API: random, prefixed, stored only as sha256. */
export class ApiKeysService {
  constructor(private readonly db: Db) {}

  withDb(db: Db): ApiKeysService {
    return new ApiKeysService(db);
  }

  async list(): Promise<ApiKeyView[]> {
    const rows = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(100)
      .execute();
    return rows.map((r) => toView(r as Row));
  }

  async create(name: string, createdBy: string): Promise<CreatedApiKey> {
    const secret = API_KEY_PREFIX + randomBytes(RANDOM_BYTES).toString('base64url');
    const row = await this.db
      .insertInto('api_keys')
      .values({
        name,
        prefix: secret.slice(0, SHOWN),
        key_hash: sha256(secret),
        scope: 'read',
        created_at: new Date().toISOString(),
        created_by: createdBy,
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { key: toView(row as Row), secret };
  }

  /** The key's view before revoking; undefined when it was revoked already. */
  async revoke(id: number): Promise<ApiKeyView | undefined> {
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new ServiceError('not-found', 'There is no API key with this id.');
    if (row.revoked_at !== null) return undefined;
    await this.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    return toView(row as Row);
  }

  async authenticate(header: string | undefined): Promise<{ keyId: number }> {
    const key = keyFromHeader(header);
    if (!key || !KEY_FORMAT.test(key)) throw new ServiceError('unauthenticated', UNAUTHENTICATED);
    const hash = sha256(key);
    const row = await this.db
      .selectFrom('api_keys')
      .select(['id', 'key_hash', 'last_used_at'])
      .where('key_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row || !constantTimeEqual(row.key_hash, hash)) {
      throw new ServiceError('unauthenticated', UNAUTHENTICATED);
    }
    const now = Date.now();
    if (!row.last_used_at || now - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
      await this.db
        .updateTable('api_keys')
        .set({ last_used_at: new Date(now).toISOString() })
        .where('id', '=', row.id)
        .execute();
    }
    return { keyId: row.id };
  }
}
