import * as oidc from 'openid-client';
import type { RefusalReason } from '../../shared/api/sign-in-events';
import type { Licence } from '../../shared/api/users';
import type { Db } from '../db/database';
import { type SecretBox, sha256 } from './crypto';
import type { SignInEvents } from './end-user-auth-events';
import type { EndUserSessions } from './end-user-sessions';
import type { OidcClientSettings } from './incoming-keys';
import type { LicenceService } from './licences';
import { checkReturnTo, type ReturnToCheck } from './return-to';

export interface EndUserAuthOptions {
  /** `{PUBLIC_URL}/auth/okta/callback`, as registered in Okta. */
  redirectUri: string;
  allowHttpLoopbackIssuer: boolean;
  timeoutMs: number;
  /** The console's origin and FORWARD_AUTH_ALLOWED_HOSTS, for `rd` (where to return after). */
  publicUrl: string;
  allowedHosts: readonly string[];
}

export const SCOPES = 'openid profile email';
/** How long a person has to finish signing in at Okta. */
export const TRANSACTION_TTL_MS = 10 * 60_000;

export interface SignInRefusal {
  ok: false;
  reason: RefusalReason;
  /** The email or username tried, when known. */
  login: string | null;
  /** For the log only: an error name or code, never a token, code or secret. */
  detail?: string;
}

export type StartResult = { ok: true; url: string; transaction: string } | SignInRefusal;
export type FinishResult =
  | {
      ok: true;
      token: string;
      expiresAt: Date;
      email: string;
      licence: Licence;
      /** For the sign-in record: the SCIM user id and the login Okta named. */
      userId: string;
      login: string | null;
      /** Where the sign-in was asked to return (`rd`, checked again), if anywhere. */
      returnTo?: string;
    }
  | SignInRefusal;
export type CurrentUser =
  | {
      ok: true;
      email: string;
      licence: Exclude<Licence, 'none'>;
      csrfToken: string;
      /** The SCIM id of the person. */
      userId: string;
    }
  | SignInRefusal;

interface Transaction {
  /** state, nonce, PKCE verifier, issuer, started at (ms). */
  s: string;
  n: string;
  v: string;
  iss: string;
  at: number;
  /** The checked `rd`: where to send the person after signing in. */
  rd?: string;
}

type Claims = { sub: string; preferred_username?: unknown; email?: unknown };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * End-user sign-in with openid-client 6: the authorization-code flow with PKCE (S256), state and
 * nonce, endpoints from the discovery stored with the incoming keys; ID token signature (JWKS),
 * iss, aud, exp and nonce are checked by openid-client. The gate: a provisioned, active user whose
 * licence is Basic or Pro.
 */
export class EndUserAuthService {
  private cached: { key: string; config: oidc.Configuration } | undefined;

  constructor(
    private readonly db: Db,
    /** The stored incoming keys, secret decrypted (IncomingKeysService.clientSettings). */
    private readonly clientSettings: () => Promise<OidcClientSettings | undefined>,
    private readonly box: SecretBox,
    private readonly licences: LicenceService,
    readonly sessions: EndUserSessions,
    /** Each outcome is recorded here by the caller, after the decision, never changing it. */
    readonly events: SignInEvents,
    private readonly options: EndUserAuthOptions,
  ) {}

  private async settings(): Promise<OidcClientSettings | undefined> {
    try {
      return await this.clientSettings();
    } catch {
      // The stored secret cannot be decrypted (SECRET_KEY changed): as good as not configured.
      return undefined;
    }
  }

  private configuration(settings: OidcClientSettings): oidc.Configuration {
    const key = sha256(JSON.stringify(settings));
    if (this.cached?.key === key) return this.cached.config;
    const e = settings.endpoints;
    const auth =
      settings.tokenEndpointAuthMethod === 'client_secret_post'
        ? oidc.ClientSecretPost(settings.clientSecret)
        : oidc.ClientSecretBasic(settings.clientSecret);
    const config = new oidc.Configuration(
      {
        issuer: settings.issuer,
        authorization_endpoint: e.authorization_endpoint,
        token_endpoint: e.token_endpoint,
        jwks_uri: e.jwks_uri,
        userinfo_endpoint: e.userinfo_endpoint,
      },
      settings.clientId,
      { client_secret: settings.clientSecret, id_token_signed_response_alg: 'RS256' },
      auth,
    );
    const issuer = new URL(settings.issuer);
    if (
      this.options.allowHttpLoopbackIssuer &&
      issuer.protocol === 'http:' &&
      LOOPBACK_HOSTS.has(issuer.hostname)
    ) {
      oidc.allowInsecureRequests(config);
    }
    // Check the ID token's signature against the JWKS too, not only TLS.
    oidc.enableNonRepudiationChecks(config);
    config.timeout = Math.max(1, Math.ceil(this.options.timeoutMs / 1000));
    this.cached = { key, config };
    return config;
  }

  /** The caller records the refusal (`events.record`), best-effort: the person's answer stands. */
  private refuse(reason: RefusalReason, login: string | null, detail?: string): SignInRefusal {
    return { ok: false, reason, login, ...(detail ? { detail } : {}) };
  }

  /** Whether `rd` may be returned to after sign-in, and the normalised address if so. */
  checkReturnTo(value: string): ReturnToCheck {
    return checkReturnTo(value, this.options);
  }

  /** GET /auth/okta, also Okta-initiated (`iss`, optionally `login_hint`); `returnTo` checked. */
  async start(input: {
    iss?: string | undefined;
    loginHint?: string | undefined;
    returnTo?: string | undefined;
  }): Promise<StartResult> {
    const settings = await this.settings();
    if (!settings) return this.refuse('not_configured', null);
    if (input.iss !== undefined && input.iss !== settings.issuer) {
      return this.refuse('issuer_mismatch', input.loginHint ?? null);
    }
    const config = this.configuration(settings);
    const tx: Transaction = {
      s: oidc.randomState(),
      n: oidc.randomNonce(),
      v: oidc.randomPKCECodeVerifier(),
      iss: settings.issuer,
      at: Date.now(),
      ...(input.returnTo ? { rd: input.returnTo } : {}),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: SCOPES,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(tx.v),
      code_challenge_method: 'S256',
      state: tx.s,
      nonce: tx.n,
      ...(input.loginHint ? { login_hint: input.loginHint } : {}),
    });
    return { ok: true, url: url.href, transaction: this.box.seal(JSON.stringify(tx)) };
  }

  private openTransaction(sealed: string | undefined): Transaction | undefined {
    if (!sealed) return undefined;
    try {
      const tx = JSON.parse(this.box.open(sealed)) as Transaction;
      if (typeof tx.at !== 'number' || Date.now() - tx.at > TRANSACTION_TTL_MS) return undefined;
      return tx;
    } catch {
      return undefined;
    }
  }

  /** GET /auth/okta/callback: `search` is the query string as received, `?` included. */
  async finish(search: string, sealedTransaction: string | undefined): Promise<FinishResult> {
    const settings = await this.settings();
    if (!settings) return this.refuse('not_configured', null);
    const params = new URLSearchParams(search);
    const error = params.get('error');
    if (error) {
      const notAssigned =
        error === 'access_denied' && /not assigned/i.test(params.get('error_description') ?? '');
      return this.refuse(notAssigned ? 'not_assigned' : 'okta_error', null, error.slice(0, 64));
    }
    const tx = this.openTransaction(sealedTransaction);
    if (!tx || tx.iss !== settings.issuer) {
      return this.refuse('invalid_response', null, 'no or expired sign-in transaction');
    }
    let claims: Claims | undefined;
    try {
      const config = this.configuration(settings);
      const url = new URL(this.options.redirectUri);
      url.search = search;
      const tokens = await oidc.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: tx.v,
        expectedState: tx.s,
        expectedNonce: tx.n,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      // A thin ID token (only sub): read the profile from userinfo, checked against the same sub.
      if (claims && !text(claims.preferred_username) && !text(claims.email)) {
        claims = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      }
    } catch (err) {
      // The library's own words ("JWT signature verification failed"): no claim values.
      const e = err as { name?: string; code?: string; error?: string; cause?: unknown };
      const why = e.cause instanceof Error ? `: ${e.cause.message.slice(0, 120)}` : '';
      return this.refuse('invalid_response', null, `${e.name} ${e.code ?? e.error}${why}`);
    }
    if (!claims) return this.refuse('invalid_response', null, 'no ID token');
    const admitted = await this.admit(claims);
    // Checked again: FORWARD_AUTH_ALLOWED_HOSTS may have changed during the sign-in.
    const back = tx.rd ? this.checkReturnTo(tx.rd) : undefined;
    return admitted.ok && back?.ok ? { ...admitted, returnTo: back.target } : admitted;
  }

  private findUser(userName: string) {
    return this.db
      .selectFrom('scim_users')
      .select(['seq', 'id', 'active', 'user_name', 'doc'])
      .where('user_name_key', '=', userName.toLowerCase())
      .executeTakeFirst();
  }

  /** The gate: matched by userName against preferred_username, else email; active; licensed. */
  private async admit(claims: Claims): Promise<FinishResult> {
    const preferred = text(claims.preferred_username);
    const email = text(claims.email);
    const login = preferred ?? email ?? null;
    let user = preferred ? await this.findUser(preferred) : undefined;
    if (!user && email) user = await this.findUser(email);
    if (!user) return this.refuse('not_provisioned', login);
    if (user.active !== 1) return this.refuse('deactivated', login);
    const licence = await this.licences.licenceOf(user.seq);
    if (licence === 'none') return this.refuse('no_licence', login);
    const shown = email ?? user.user_name;
    const session = await this.sessions.create(user.id, shown);
    const { token, expiresAt } = session;
    return { ok: true, token, expiresAt, email: shown, licence, userId: user.id, login };
  }

  /** The session's person as they stand now: deactivation or a lost licence ends the session. */
  async current(token: string | undefined): Promise<CurrentUser | undefined> {
    const session = token ? await this.sessions.find(token) : undefined;
    if (!token || !session) return undefined;
    const user = await this.db
      .selectFrom('scim_users')
      .select(['seq', 'active'])
      .where('id', '=', session.userId)
      .executeTakeFirst();
    let reason: RefusalReason | undefined;
    let licence: Licence = 'none';
    if (!user) reason = 'not_provisioned';
    else if (user.active !== 1) reason = 'deactivated';
    else {
      licence = await this.licences.licenceOf(user.seq);
      if (licence === 'none') reason = 'no_licence';
    }
    if (reason || licence === 'none') {
      await this.sessions.end(token);
      return { ok: false, reason: reason ?? 'no_licence', login: session.email };
    }
    return {
      ok: true,
      email: session.email,
      licence,
      csrfToken: session.csrfToken,
      userId: session.userId,
    };
  }
}
