import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../db/database';
import { sha256 } from '../crypto';

/** The Client model is read from the applications table; the rest is stored here. */
export type ClientLookup = (clientId: string) => Promise<AdapterPayload | undefined>;

const epoch = () => Math.floor(Date.now() / 1000);

/**
 * Codes, access and refresh tokens are their own ids (and a session's id is its cookie): rows
 * are keyed by the id's sha256, so the database never holds a value that works as a token.
 */
const key = (id: string) => sha256(id);

/**
 * oidc-provider's storage in the database (table oidc_payloads), never in memory: a restart or a
 * second instance sees the same sessions, grants, codes and tokens. One row per artefact, keyed
 * by model and the id's hash, with the columns the lookups need (grant, uid, user code, account).
 */
export class DbAdapter implements Adapter {
  constructor(
    private readonly db: Db,
    private readonly model: string,
    private readonly clients: ClientLookup,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    if (this.model === 'Client') return;
    // The id again (jti) only where a lookup by uid needs it back: the session, whose cookie is
    // also signed with the cookie keys, which are sealed.
    const { jti: _jti, ...rest } = payload;
    const row = {
      payload: JSON.stringify(this.model === 'Session' ? payload : rest),
      grant_id: payload.grantId ?? null,
      user_code: payload.userCode ? key(payload.userCode) : null,
      uid: payload.uid ?? null,
      account_id: payload.accountId ?? null,
      client_id: payload.clientId ?? null,
      expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
    };
    await this.db
      .insertInto('oidc_payloads')
      .values({ model: this.model, id: key(id), consumed_at: null, ...row })
      .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(row))
      .execute();
  }

  private async findWhere(column: 'id' | 'uid' | 'user_code', value: string, id?: string) {
    const row = await this.db
      .selectFrom('oidc_payloads')
      .select(['payload', 'consumed_at', 'expires_at'])
      .where('model', '=', this.model)
      .where(column, '=', value)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.expires_at && row.expires_at <= new Date().toISOString()) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    if (id !== undefined) payload.jti = id;
    if (row.consumed_at) payload.consumed = Math.floor(Date.parse(row.consumed_at) / 1000);
    return payload;
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.model === 'Client') return this.clients(id);
    return this.findWhere('id', key(id), id);
  }

  findByUid(uid: string) {
    return this.findWhere('uid', uid);
  }

  findByUserCode(userCode: string) {
    return this.findWhere('user_code', key(userCode));
  }

  async consume(id: string): Promise<void> {
    await this.db
      .updateTable('oidc_payloads')
      .set({ consumed_at: new Date(epoch() * 1000).toISOString() })
      .where('model', '=', this.model)
      .where('id', '=', key(id))
      .execute();
  }

  async destroy(id: string): Promise<void> {
    await this.db
      .deleteFrom('oidc_payloads')
      .where('model', '=', this.model)
      .where('id', '=', key(id))
      .execute();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.deleteFrom('oidc_payloads').where('grant_id', '=', grantId).execute();
  }
}

/** Ends everything a person holds at the provider: sessions, grants, codes and tokens. */
export async function endAccount(db: Db, accountId: string): Promise<number> {
  const grants = db
    .selectFrom('oidc_payloads')
    .select('grant_id')
    .where('account_id', '=', accountId)
    .where('grant_id', 'is not', null);
  const byGrant = await db.deleteFrom('oidc_payloads').where('grant_id', 'in', grants).execute();
  const byAccount = await db
    .deleteFrom('oidc_payloads')
    .where('account_id', '=', accountId)
    .execute();
  return Number(byGrant[0]?.numDeletedRows ?? 0) + Number(byAccount[0]?.numDeletedRows ?? 0);
}

/** Drops expired artefacts; run with the hourly pruning. */
export async function pruneExpiredPayloads(db: Db): Promise<void> {
  await db
    .deleteFrom('oidc_payloads')
    .where('expires_at', '<=', new Date().toISOString())
    .execute();
}

/** Ends everything issued to an application (it was removed). */
export async function endClient(db: Db, clientId: string): Promise<void> {
  await db.deleteFrom('oidc_payloads').where('client_id', '=', clientId).execute();
}
