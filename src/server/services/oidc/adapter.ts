import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../db/database';

/** The Client model is read from the applications table; the rest is stored here. */
export type ClientLookup = (clientId: string) => Promise<AdapterPayload | undefined>;

const epoch = () => Math.floor(Date.now() / 1000);

/**
 * oidc-provider's storage in the database (table oidc_payloads), never in memory: a restart or a
 * second instance sees the same sessions, grants, codes and tokens. One row per artefact, keyed
 * by model and id, with the columns the lookups need (grant, uid, user code, account).
 */
export class DbAdapter implements Adapter {
  constructor(
    private readonly db: Db,
    private readonly model: string,
    private readonly clients: ClientLookup,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    if (this.model === 'Client') return;
    const row = {
      payload: JSON.stringify(payload),
      grant_id: payload.grantId ?? null,
      user_code: payload.userCode ?? null,
      uid: payload.uid ?? null,
      account_id: payload.accountId ?? null,
      client_id: payload.clientId ?? null,
      expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : null,
    };
    await this.db
      .insertInto('oidc_payloads')
      .values({ model: this.model, id, consumed_at: null, ...row })
      .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(row))
      .execute();
  }

  private async findWhere(column: 'id' | 'uid' | 'user_code', value: string) {
    const row = await this.db
      .selectFrom('oidc_payloads')
      .select(['payload', 'consumed_at', 'expires_at'])
      .where('model', '=', this.model)
      .where(column, '=', value)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.expires_at && row.expires_at <= new Date().toISOString()) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    if (row.consumed_at) payload.consumed = Math.floor(Date.parse(row.consumed_at) / 1000);
    return payload;
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.model === 'Client') return this.clients(id);
    return this.findWhere('id', id);
  }

  findByUid(uid: string) {
    return this.findWhere('uid', uid);
  }

  findByUserCode(userCode: string) {
    return this.findWhere('user_code', userCode);
  }

  async consume(id: string): Promise<void> {
    await this.db
      .updateTable('oidc_payloads')
      .set({ consumed_at: new Date(epoch() * 1000).toISOString() })
      .where('model', '=', this.model)
      .where('id', '=', id)
      .execute();
  }

  async destroy(id: string): Promise<void> {
    await this.db
      .deleteFrom('oidc_payloads')
      .where('model', '=', this.model)
      .where('id', '=', id)
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
    .select('id')
    .where('model', '=', 'Grant')
    .where('account_id', '=', accountId);
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
