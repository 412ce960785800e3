import {
  type IncomingKeysBody,
  type IncomingKeysView,
  secretNeededBecause,
} from '../../shared/api/incoming-keys';
import { judgeIssuer } from '../../shared/validation/issuer';
import type { Db } from '../db/database';
import type { IncomingKeysTable } from '../db/schema';
import { checkClientCredentials } from './client-check';
import type { SecretBox } from './crypto';
import { invalidField, ServiceError } from './errors';
import { type DiscoveredEndpoints, discover } from './oidc-discovery';

export interface IncomingKeysOptions {
  allowHttpLoopbackIssuer: boolean;
  discoveryTimeoutMs: number;
  /** `{PUBLIC_URL}/auth/okta/callback`, sent with the credential check as Okta would see it. */
  redirectUri: string;
}

/** The stored connection, with the decrypted secret, for the sign-in flow. */
export interface OidcClientSettings {
  clientId: string;
  clientSecret: string;
  issuer: string;
  endpoints: DiscoveredEndpoints;
  tokenEndpointAuthMethod: IncomingKeysTable['token_endpoint_auth_method'];
}

/** Keys that passed Okta's checks on Save, ready to store; the secret inside is sealed. */
export interface CheckedIncomingKeys {
  row: IncomingKeysTable;
}

/** What "Verify now" learned from Okta about the stored keys, ready to store. */
export interface RecheckedIncomingKeys {
  /** Which stored keys were checked: the row counts as the same while these are unchanged. */
  checked: Pick<
    IncomingKeysTable,
    'client_id' | 'issuer_uri' | 'client_secret_ciphertext' | 'secret_set_at'
  >;
  endpoints: DiscoveredEndpoints;
  method: IncomingKeysTable['token_endpoint_auth_method'];
  at: string;
}

/** What `storeRecheck` did: `stored` is false when a Save changed the keys in the meantime. */
export interface RecheckOutcome {
  view: IncomingKeysView;
  stored: boolean;
}

function toView(row: IncomingKeysTable | undefined): IncomingKeysView {
  if (!row) return { configured: false };
  return {
    configured: true,
    clientId: row.client_id,
    issuerUri: row.issuer_uri,
    serverKind: row.server_kind,
    domainKind: row.domain_kind,
    tokenEndpointAuthMethod: row.token_endpoint_auth_method,
    secretSetAt: row.secret_set_at,
    verifiedAt: row.verified_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export class IncomingKeysService {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
    private readonly options: IncomingKeysOptions,
  ) {}

  /** The same service reading and writing through `db`, a transaction the caller holds. */
  withDb(db: Db): IncomingKeysService {
    return new IncomingKeysService(db, this.box, this.options);
  }

  private stored(): Promise<IncomingKeysTable | undefined> {
    return this.db.selectFrom('incoming_keys').selectAll().where('id', '=', 1).executeTakeFirst();
  }

  async view(): Promise<IncomingKeysView> {
    return toView(await this.stored());
  }

  async clientSettings(): Promise<OidcClientSettings | undefined> {
    const row = await this.stored();
    if (!row) return undefined;
    return {
      clientId: row.client_id,
      clientSecret: this.box.open(row.client_secret_ciphertext),
      issuer: row.issuer_uri,
      endpoints: JSON.parse(row.discovery_json) as DiscoveredEndpoints,
      tokenEndpointAuthMethod: row.token_endpoint_auth_method,
    };
  }

  /** Which secret to check: the new one, or the stored one when the connection did not move. */
  private secretFor(input: IncomingKeysBody, existing: IncomingKeysTable | undefined): string {
    if (input.clientSecret) return input.clientSecret;
    const reason = secretNeededBecause(
      existing && { clientId: existing.client_id, issuerUri: existing.issuer_uri },
      input,
    );
    if (reason || !existing) throw invalidField('clientSecret', reason ?? '');
    return this.openSecret(existing, 'clientSecret');
  }

  /** A secret sealed with another key (SECRET_KEY or the key file changed) must be pasted again. */
  private openSecret(row: IncomingKeysTable, field?: 'clientSecret'): string {
    try {
      return this.box.open(row.client_secret_ciphertext);
    } catch {
      const message =
        'The stored Client secret cannot be decrypted: SECRET_KEY or the key file changed. Paste the Client secret again.';
      throw field ? invalidField(field, message) : new ServiceError('invalid', message);
    }
  }

  /** Discovery, then the credential check; throws a ServiceError naming the field at fault. */
  private async verify(clientId: string, secret: string, issuer: string) {
    const discovery = await discover(issuer, this.options.discoveryTimeoutMs);
    if (!discovery.ok) throw invalidField('issuerUri', discovery.message);
    const check = await checkClientCredentials(
      discovery.endpoints,
      clientId,
      secret,
      this.options.redirectUri,
      this.options.discoveryTimeoutMs,
    );
    if (!check.ok) {
      throw check.field
        ? invalidField(check.field, check.message)
        : new ServiceError('invalid', check.message);
    }
    return { endpoints: discovery.endpoints, method: check.method };
  }

  /**
   * The first half of Save: the issuer's form, discovery and the client pair, checked with Okta
   * over the network. Nothing is stored; `store` does that, so no transaction waits on Okta.
   */
  async check(input: IncomingKeysBody, adminEmail: string): Promise<CheckedIncomingKeys> {
    const verdict = judgeIssuer(input.issuerUri, {
      allowHttpLoopback: this.options.allowHttpLoopbackIssuer,
    });
    if (!verdict.ok) throw invalidField('issuerUri', verdict.message);
    const existing = await this.stored();
    const secret = this.secretFor(input, existing);
    const { endpoints, method } = await this.verify(input.clientId, secret, verdict.issuer);
    const now = new Date().toISOString();
    const secretChanged = !existing || Boolean(input.clientSecret);
    const row: IncomingKeysTable = {
      id: 1,
      client_id: input.clientId,
      client_secret_ciphertext: secretChanged
        ? this.box.seal(secret)
        : (existing?.client_secret_ciphertext ?? this.box.seal(secret)),
      issuer_uri: verdict.issuer,
      server_kind: verdict.serverKind,
      domain_kind: verdict.domainKind,
      token_endpoint_auth_method: method,
      discovery_json: JSON.stringify(endpoints),
      secret_set_at: secretChanged ? now : (existing?.secret_set_at ?? now),
      verified_at: now,
      updated_at: now,
      updated_by: adminEmail,
    };
    return { row };
  }

  /** The second half of Save: stores checked keys; answers what was stored before and now. */
  async store(
    checked: CheckedIncomingKeys,
  ): Promise<{ before: IncomingKeysView; after: IncomingKeysView }> {
    const before = toView(await this.stored());
    const { id: _id, ...update } = checked.row;
    await this.db
      .insertInto('incoming_keys')
      .values(checked.row)
      .onConflict((oc) => oc.column('id').doUpdateSet(update))
      .execute();
    return { before, after: toView(checked.row) };
  }

  /**
   * The first half of "Verify now": the stored keys checked with Okta again over the network.
   * Nothing is stored; `storeRecheck` does that, so no transaction waits on Okta.
   */
  async recheck(): Promise<RecheckedIncomingKeys> {
    const existing = await this.stored();
    if (!existing) throw new ServiceError('not-found', 'No incoming keys are set up yet.');
    const secret = this.openSecret(existing);
    const { endpoints, method } = await this.verify(
      existing.client_id,
      secret,
      existing.issuer_uri,
    );
    const { client_id, issuer_uri, client_secret_ciphertext, secret_set_at } = existing;
    const checked = { client_id, issuer_uri, client_secret_ciphertext, secret_set_at };
    return { checked, endpoints, method, at: new Date().toISOString() };
  }

  /**
   * The second half of "Verify now": stores when the keys were found working, and how, only if
   * they are still the keys that were checked. A Save that landed while Okta was asked has stored
   * newer keys with their own discovery: those are kept, and answered as they are.
   */
  async storeRecheck(rechecked: RecheckedIncomingKeys): Promise<RecheckOutcome> {
    const { checked } = rechecked;
    const row = await this.db
      .updateTable('incoming_keys')
      .set({
        verified_at: rechecked.at,
        discovery_json: JSON.stringify(rechecked.endpoints),
        token_endpoint_auth_method: rechecked.method,
      })
      .where('id', '=', 1)
      .where('client_id', '=', checked.client_id)
      .where('issuer_uri', '=', checked.issuer_uri)
      .where('client_secret_ciphertext', '=', checked.client_secret_ciphertext)
      .where('secret_set_at', '=', checked.secret_set_at)
      .returningAll()
      .executeTakeFirst();
    if (row) return { view: toView(row), stored: true };
    const now = await this.stored();
    // Keys removed between the check and now (a concurrent change) leave nothing to stamp.
    if (!now) throw new ServiceError('not-found', 'No incoming keys are set up yet.');
    return { view: toView(now), stored: false };
  }
}
