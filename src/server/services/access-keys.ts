import { randomBytes } from 'node:crypto';
import { type SelectQueryBuilder, sql } from 'kysely';
import {
  type AccessKeyList,
  type AccessKeyView,
  type CreatedAccessKey,
  MAX_ACTIVE_ACCESS_KEYS,
} from '../../shared/api/access-keys';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { constantTimeEqual, sha256 } from './crypto';
import { ServiceError } from './errors';

/** Every key starts so, so that a leaked key is recognisable (secret scanners, logs). */
export const ACCESS_KEY_PREFIX = 'osc_scim_';
/** 38 random bytes: 51 base64url characters, of which the first 8 are shown; 256 bits stay secret. */
const RANDOM_BYTES = 38;
const SHOWN_CHARACTERS = ACCESS_KEY_PREFIX.length + 8;
const KEY_FORMAT = /^osc_scim_[A-Za-z0-9_-]{51}$/;
/** last_used_at is written at most this often per key (but always when the revoke hint needs it). */
const TOUCH_EVERY_MS = 5_000;

/**
 * How long this process trusts a key it has just checked without asking the database again (one
 * round trip less per SCIM request). A key revoked here is refused at once; revoked on another
 * instance (PostgreSQL), within this time.
 */
export const KEY_RECHECK_MS = 1_000;

type KeyRow = Database['scim_access_keys'] & { id: number };

interface CheckedKey {
  keyId: number;
  /** Until then the key needs neither a check nor a write of its last use. */
  untilMs: number;
}

/** The keys this process checked lately against one database, and the ids it revoked since. */
class CheckedKeys {
  private readonly byHash = new Map<string, CheckedKey>();
  private readonly revoked = new Set<number>();

  get(hash: string, nowMs: number): CheckedKey | undefined {
    const checked = this.byHash.get(hash);
    if (checked && (nowMs >= checked.untilMs || this.revoked.has(checked.keyId))) {
      this.byHash.delete(hash);
      return undefined;
    }
    return checked;
  }

  /** After a check at `nowMs` that found the key's last use at `lastUsedMs` (now, if written). */
  remember(hash: string, keyId: number, nowMs: number, lastUsedMs: number) {
    if (this.revoked.has(keyId) || this.byHash.size >= 100) return;
    const untilMs = Math.min(nowMs + KEY_RECHECK_MS, lastUsedMs + TOUCH_EVERY_MS);
    this.byHash.set(hash, { keyId, untilMs });
  }

  /** Another key was used for the first time: the others' last use must be exact again. */
  forgetAll() {
    this.byHash.clear();
  }

  /** Kept for good (a key is never restored): a check racing the revoke cannot trust it again. */
  revoke(keyId: number) {
    this.revoked.add(keyId);
    for (const [hash, checked] of this.byHash)
      if (checked.keyId === keyId) this.byHash.delete(hash);
  }
}

const checkedKeysOf = new WeakMap<Db, CheckedKeys>();

/** The key in an Authorization header: `Bearer <key>`, or the bare key as Okta's field sends it. */
export function keyFromHeader(header: string | undefined): string | undefined {
  const value = header?.trim() ?? '';
  const bearer = /^bearer\s+(.*)$/i.exec(value);
  const key = (bearer ? (bearer[1] ?? '') : value).trim();
  return key === '' ? undefined : key;
}

function toView(row: KeyRow, rows: KeyRow[]): AccessKeyView {
  const active = row.revoked_at === null;
  const newerFirstUse = rows
    .filter((r) => r.id > row.id && r.revoked_at === null && r.first_used_at !== null)
    .map((r) => r.first_used_at as string)
    .sort()[0];
  return {
    id: row.id,
    prefix: row.prefix,
    createdAt: row.created_at,
    createdBy: row.created_by,
    firstUsedAt: row.first_used_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    active,
    safeToRevoke:
      active &&
      newerFirstUse !== undefined &&
      (row.last_used_at === null || row.last_used_at < newerFirstUse),
  };
}

const UNAUTHENTICATED = 'The access key is missing, wrong or revoked. Create one in the console.';

/** A check that comes before the key (a rate limit), run within the key's query. */
export interface KeyGate {
  /**
   * False when this instance saw the caller fail lately: the key is then checked in the
   * database, with the gate, even if it was checked a moment ago.
   */
  mayTrustRecentCheck: boolean;
  /** One row with the value `enforce` judges, or none. */
  failure: () => SelectQueryBuilder<Database, 'rate_limit_failures', { at_ms: number }>;
  /** Throws when the caller must wait: the key is then neither judged nor marked used. */
  enforce(atMs: number | null | undefined): void;
}

/** SCIM access keys: random, prefixed, stored only as sha256, at most two active. */
export class AccessKeysService {
  private readonly checked: CheckedKeys;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    checked?: CheckedKeys,
  ) {
    let shared = checked ?? checkedKeysOf.get(db);
    if (!shared) {
      shared = new CheckedKeys();
      checkedKeysOf.set(db, shared);
    }
    this.checked = shared;
  }

  /** The same service working through `db`, a transaction the caller holds. */
  withDb(db: Db): AccessKeysService {
    return new AccessKeysService(db, this.now, this.checked);
  }

  async list(): Promise<AccessKeyList> {
    const rows = (await this.db
      .selectFrom('scim_access_keys')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(50)
      .execute()) as KeyRow[];
    return { keys: rows.map((r) => toView(r, rows)), maxActive: MAX_ACTIVE_ACCESS_KEYS };
  }

  async create(createdBy: string): Promise<CreatedAccessKey> {
    const secret = ACCESS_KEY_PREFIX + randomBytes(RANDOM_BYTES).toString('base64url');
    const row = await inTransaction(this.db, async (trx) => {
      const active = await trx
        .selectFrom('scim_access_keys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(active.n) >= MAX_ACTIVE_ACCESS_KEYS) {
        throw new ServiceError(
          'conflict',
          `${MAX_ACTIVE_ACCESS_KEYS} access keys are already active. Revoke one before creating another.`,
        );
      }
      return trx
        .insertInto('scim_access_keys')
        .values({
          prefix: secret.slice(0, SHOWN_CHARACTERS),
          key_hash: sha256(secret),
          created_at: this.now().toISOString(),
          created_by: createdBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    const row2 = row as KeyRow;
    return { key: toView(row2, [row2]), secret };
  }

  /** Revokes the key; returns its shown prefix, or undefined when it was revoked already. */
  async revoke(id: number): Promise<{ prefix: string } | undefined> {
    return inTransaction(this.db, async (trx) => {
      const row = await trx
        .selectFrom('scim_access_keys')
        .select(['id', 'prefix', 'revoked_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw new ServiceError('not-found', 'There is no access key with this id.');
      this.checked.revoke(id);
      if (row.revoked_at !== null) return undefined;
      await trx
        .updateTable('scim_access_keys')
        .set({ revoked_at: this.now().toISOString() })
        .where('id', '=', id)
        .execute();
      return { prefix: row.prefix };
    });
  }

  /**
   * Checks the Authorization header; records the key's use. Throws 'unauthenticated'. `gate`
   * (the SCIM rate limit) is checked first, in the key's own query: one round trip for both.
   * A key this process found good less than KEY_RECHECK_MS ago, whose last use needs no write,
   * is trusted without a query, unless the gate says the caller failed here lately.
   */
  async authenticate(header: string | undefined, gate?: KeyGate): Promise<{ keyId: number }> {
    const key = keyFromHeader(header);
    const enforceAlone = async () =>
      gate?.enforce((await gate.failure().executeTakeFirst())?.at_ms);
    if (!key || !KEY_FORMAT.test(key)) {
      await enforceAlone();
      throw new ServiceError('unauthenticated', UNAUTHENTICATED);
    }
    const hash = sha256(key);
    const now = this.now();
    if (gate?.mayTrustRecentCheck !== false) {
      const checked = this.checked.get(hash, now.getTime());
      if (checked) return { keyId: checked.keyId };
    }
    const row = await this.db
      .selectFrom('scim_access_keys as k')
      .select([
        'k.id',
        'k.key_hash',
        'k.first_used_at',
        'k.last_used_at',
        (eb) =>
          eb
            .selectFrom('scim_access_keys as n')
            .select((e) => e.fn.max('n.first_used_at').as('t'))
            .whereRef('n.id', '>', 'k.id')
            .where('n.revoked_at', 'is', null)
            .as('newer_first_used_at'),
        gate ? gate.failure().as('blocking_failure') : sql<null>`null`.as('blocking_failure'),
      ])
      .where('k.key_hash', '=', hash)
      .where('k.revoked_at', 'is', null)
      .executeTakeFirst();
    // A wrong key finds no row, and so no gate value: the gate is asked on its own.
    if (row) gate?.enforce(row.blocking_failure);
    else await enforceAlone();
    // The lookup is by hash; comparing the hashes again in constant time costs nothing.
    if (!row || !constantTimeEqual(row.key_hash, hash)) {
      throw new ServiceError('unauthenticated', UNAUTHENTICATED);
    }
    const iso = now.toISOString();
    const last = row.last_used_at;
    const stale = !last || now.getTime() - Date.parse(last) >= TOUCH_EVERY_MS;
    const newer = row.newer_first_used_at as string | null;
    // The revoke hint compares this key's last use with the newer key's first use: keep it exact.
    const touch =
      row.first_used_at === null || stale || (newer !== null && (!last || last < newer));
    if (touch) {
      await this.db
        .updateTable('scim_access_keys')
        .set({ first_used_at: row.first_used_at ?? iso, last_used_at: iso })
        .where('id', '=', row.id)
        .execute();
      // A first use makes an older key's next use worth writing (the hint): check those again.
      if (row.first_used_at === null) this.checked.forgetAll();
    }
    const lastUsedMs = touch || !last ? now.getTime() : Date.parse(last);
    this.checked.remember(hash, row.id, now.getTime(), lastUsedMs);
    return { keyId: row.id };
  }
}
