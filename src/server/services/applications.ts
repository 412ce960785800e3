import { randomBytes } from 'node:crypto';
import {
  type ApplicationView,
  type ApplicationWithSecret,
  judgeApplicationUri,
} from '../../shared/api/applications';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { constantTimeEqual, sha256 } from './crypto';
import { ServiceError } from './errors';
import { endClient } from './oidc/adapter';

/** Recognisable prefixes, so a leaked secret is found by secret scanners and in logs. */
const CLIENT_ID_PREFIX = 'osc_app_';
const SECRET_PREFIX = 'osc_cs_';

type Row = Database['applications'];

export interface NewApplication {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

function toView(row: Row, now: Date): ApplicationView {
  const previous = row.previous_secret_expires_at;
  return {
    clientId: row.client_id,
    name: row.name,
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    postLogoutRedirectUris: JSON.parse(row.post_logout_redirect_uris) as string[],
    createdAt: row.created_at,
    createdBy: row.created_by,
    secretSetAt: row.secret_set_at,
    previousSecretValidUntil: previous && previous > now.toISOString() ? previous : null,
  };
}

const newSecret = () => SECRET_PREFIX + randomBytes(32).toString('base64url');

/**
 * The applications that sign people in through the console's OpenID Provider. A client secret is
 * random, shown once and stored as sha256 only; after a rotation the previous hash stays valid
 * until the grace period ends.
 */
export class ApplicationsService {
  constructor(
    private readonly db: Db,
    private readonly allowHttpLoopback: boolean,
    private readonly now: () => Date = () => new Date(),
  ) {}

  withDb(db: Db): ApplicationsService {
    return new ApplicationsService(db, this.allowHttpLoopback, this.now);
  }

  private check(input: NewApplication) {
    const fields: Record<string, string> = {};
    for (const field of ['redirectUris', 'postLogoutRedirectUris'] as const) {
      const list = input[field];
      list.forEach((uri, i) => {
        const problem = judgeApplicationUri(uri, this.allowHttpLoopback);
        if (problem && !fields[field]) {
          fields[field] = list.length > 1 ? `Line ${i + 1}: ${problem}` : problem;
        }
      });
    }
    if (Object.keys(fields).length > 0) {
      const n = Object.keys(fields).length;
      throw new ServiceError(
        'invalid',
        n === 1 ? 'One field needs attention.' : `${n} fields need attention.`,
        fields,
      );
    }
  }

  async list(): Promise<ApplicationView[]> {
    const rows = await this.db
      .selectFrom('applications')
      .selectAll()
      .orderBy('created_at')
      .execute();
    const now = this.now();
    return rows.map((r) => toView(r, now));
  }

  async create(input: NewApplication, createdBy: string): Promise<ApplicationWithSecret> {
    this.check(input);
    const clientSecret = newSecret();
    const at = this.now().toISOString();
    const row: Row = {
      client_id: CLIENT_ID_PREFIX + randomBytes(12).toString('base64url'),
      name: input.name,
      redirect_uris: JSON.stringify([...new Set(input.redirectUris)]),
      post_logout_redirect_uris: JSON.stringify([...new Set(input.postLogoutRedirectUris)]),
      secret_hash: sha256(clientSecret),
      previous_secret_hash: null,
      previous_secret_expires_at: null,
      secret_set_at: at,
      created_at: at,
      created_by: createdBy,
    };
    await this.db.insertInto('applications').values(row).execute();
    return { application: toView(row, this.now()), clientSecret };
  }

  private async find(db: Db, clientId: string): Promise<Row> {
    const row = await db
      .selectFrom('applications')
      .selectAll()
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!row) throw new ServiceError('not-found', 'There is no application with this client ID.');
    return row;
  }

  /** A new secret; the current one keeps working for `graceHours` (0: it stops now). */
  async rotate(clientId: string, graceHours: number): Promise<ApplicationWithSecret> {
    const clientSecret = newSecret();
    const now = this.now();
    const row = await inTransaction(this.db, async (trx) => {
      const current = await this.find(trx, clientId);
      const update = {
        secret_hash: sha256(clientSecret),
        previous_secret_hash: graceHours > 0 ? current.secret_hash : null,
        previous_secret_expires_at:
          graceHours > 0 ? new Date(now.getTime() + graceHours * 3600_000).toISOString() : null,
        secret_set_at: now.toISOString(),
      };
      await trx.updateTable('applications').set(update).where('client_id', '=', clientId).execute();
      return { ...current, ...update };
    });
    return { application: toView(row, now), clientSecret };
  }

  /** Removes the application and everything the provider issued to it. */
  async remove(clientId: string): Promise<{ name: string }> {
    return inTransaction(this.db, async (trx) => {
      const row = await this.find(trx, clientId);
      await trx.deleteFrom('applications').where('client_id', '=', clientId).execute();
      await endClient(trx, clientId);
      return { name: row.name };
    });
  }

  /** The client metadata oidc-provider reads (the Client model), without any secret. */
  async clientMetadata(clientId: string) {
    const row = await this.db
      .selectFrom('applications')
      .select(['client_id', 'name', 'redirect_uris', 'post_logout_redirect_uris'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      client_id: row.client_id,
      client_name: row.name,
      redirect_uris: JSON.parse(row.redirect_uris) as string[],
      post_logout_redirect_uris: JSON.parse(row.post_logout_redirect_uris) as string[],
    };
  }

  /** Whether `secret` is the application's secret, or its previous one within the grace period. */
  async verifySecret(clientId: string, secret: unknown): Promise<boolean> {
    if (typeof secret !== 'string' || secret.length > 200) return false;
    const row = await this.db
      .selectFrom('applications')
      .select(['secret_hash', 'previous_secret_hash', 'previous_secret_expires_at'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    if (!row) return false;
    const hash = sha256(secret);
    const current = constantTimeEqual(row.secret_hash, hash);
    const inGrace =
      row.previous_secret_hash !== null &&
      row.previous_secret_expires_at !== null &&
      row.previous_secret_expires_at > this.now().toISOString() &&
      constantTimeEqual(row.previous_secret_hash, hash);
    return current || inGrace;
  }
}
