import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { randomToken, type SecretBox } from '../crypto';

/**
 * A retired signing key stays in the JWKS this long after a rotation: longer than any token it
 * signed lives (ID tokens: ID_TOKEN_TTL_S, one hour), so an application that cached the JWKS
 * can still check them.
 */
export const RETIRED_KEY_KEPT_MS = 24 * 3600_000;

export interface ProviderKeys {
  /** Private JWKs, the current signing key first (oidc-provider signs with the first). */
  signing: JWK[];
  /** Keys for oidc-provider's signed cookies, the same on every instance. */
  cookieKeys: string[];
  /** Changes when a key is added or dropped: the provider is rebuilt then. */
  version: string;
}

async function newSigningKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  return { ...jwk, kid, alg: 'RS256', use: 'sig' } as JWK & { kid: string };
}

/**
 * The provider's keys in the table oidc_keys, each private part sealed with the SecretBox (the
 * key from SECRET_KEY or DATA_DIR/secret.key): generated on first start, rotated by
 * `npm run keys:rotate`, read back by every instance.
 */
export class OidcKeys {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async insertSigningKey(db: Db) {
    const jwk = await newSigningKey();
    await db
      .insertInto('oidc_keys')
      .values({
        kid: jwk.kid,
        use: 'sig',
        alg: 'RS256',
        private_sealed: this.box.seal(JSON.stringify(jwk)),
        created_at: this.now().toISOString(),
        retired_at: null,
      })
      .execute();
    return jwk.kid;
  }

  private readable(sealed: string): string | undefined {
    try {
      return this.box.open(sealed);
    } catch {
      return undefined;
    }
  }

  /**
   * First start: a signing key and a cookie key when there are none. Keys sealed with another
   * SECRET_KEY cannot be read: they are retired and new ones made (applications then see a new
   * kid in the JWKS; people sign in again).
   */
  async ensure(): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const rows = await trx
        .selectFrom('oidc_keys')
        .select(['kid', 'use', 'private_sealed'])
        .where('retired_at', 'is', null)
        .execute();
      const unreadable = rows.filter((r) => this.readable(r.private_sealed) === undefined);
      if (unreadable.length > 0) {
        await trx
          .updateTable('oidc_keys')
          .set({ retired_at: this.now().toISOString() })
          .where(
            'kid',
            'in',
            unreadable.map((r) => r.kid),
          )
          .execute();
      }
      const current = rows.filter((r) => !unreadable.includes(r));
      if (!current.some((k) => k.use === 'sig')) await this.insertSigningKey(trx);
      if (!current.some((k) => k.use === 'cookie')) {
        await trx
          .insertInto('oidc_keys')
          .values({
            kid: randomUUID(),
            use: 'cookie',
            alg: 'HS256',
            private_sealed: this.box.seal(randomToken(32)),
            created_at: this.now().toISOString(),
            retired_at: null,
          })
          .execute();
      }
    });
  }

  /** A new current signing key; the ones before it are retired (still published for a while). */
  async rotate(): Promise<{ kid: string; retired: string[] }> {
    return inTransaction(this.db, async (trx) => {
      const before = await trx
        .selectFrom('oidc_keys')
        .select('kid')
        .where('use', '=', 'sig')
        .where('retired_at', 'is', null)
        .execute();
      const at = this.now().toISOString();
      await trx
        .updateTable('oidc_keys')
        .set({ retired_at: at })
        .where('use', '=', 'sig')
        .where('retired_at', 'is', null)
        .execute();
      const kid = await this.insertSigningKey(trx);
      return { kid, retired: before.map((k) => k.kid) };
    });
  }

  private cutoff() {
    return new Date(this.now().getTime() - RETIRED_KEY_KEPT_MS).toISOString();
  }

  private published() {
    return this.db
      .selectFrom('oidc_keys')
      .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', this.cutoff())]));
  }

  /** The kids in use, newest first: cheap, read every few seconds to notice a rotation. */
  async version(): Promise<string> {
    const rows = await this.published().select('kid').orderBy('created_at', 'desc').execute();
    return rows.map((r) => r.kid).join(',');
  }

  async load(): Promise<ProviderKeys> {
    const rows = await this.published()
      .select(['kid', 'use', 'private_sealed', 'retired_at'])
      .orderBy('created_at', 'desc')
      .orderBy('kid')
      .execute();
    const opened = rows.flatMap((r) => {
      const plain = this.readable(r.private_sealed);
      return plain === undefined ? [] : [{ ...r, plain }];
    });
    const sig = opened.filter((r) => r.use === 'sig');
    // Current (not retired) first, newest first: that one signs.
    sig.sort((a, b) => Number(a.retired_at !== null) - Number(b.retired_at !== null));
    return {
      signing: sig.map((r) => JSON.parse(r.plain) as JWK),
      cookieKeys: opened.filter((r) => r.use === 'cookie').map((r) => r.plain),
      version: rows.map((r) => r.kid).join(','),
    };
  }

  /** Retired keys past RETIRED_KEY_KEPT_MS are deleted with the hourly pruning. */
  async pruneRetired(): Promise<void> {
    await this.db
      .deleteFrom('oidc_keys')
      .where('use', '=', 'sig')
      .where('retired_at', '<=', this.cutoff())
      .execute();
  }
}
