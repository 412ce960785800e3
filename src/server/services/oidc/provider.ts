import Provider, {
  type Configuration,
  interactionPolicy,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { Db } from '../../db/database';
import type { ApplicationsService } from '../applications';
import { randomToken } from '../crypto';
import { accountClaims } from './accounts';
import { DbAdapter } from './adapter';
import type { ProviderKeys } from './keys';
import { errorPage, logoutPage, signedOutPage } from './pages';

/** Lifetimes, in seconds (README "Connect your application" lists them). */
export const TTL = {
  AuthorizationCode: 60,
  AccessToken: 3600,
  IdToken: 3600,
  RefreshToken: 14 * 24 * 3600,
  Interaction: 600,
  Grant: 14 * 24 * 3600,
} as const;

/** The provider's own routes, under /oidc; discovery stays at the issuer's well-known address. */
export const OIDC_PREFIX = '/oidc';
export const OIDC_ROUTES = {
  authorization: `${OIDC_PREFIX}/auth`,
  token: `${OIDC_PREFIX}/token`,
  userinfo: `${OIDC_PREFIX}/userinfo`,
  jwks: `${OIDC_PREFIX}/jwks`,
  end_session: `${OIDC_PREFIX}/session/end`,
  revocation: `${OIDC_PREFIX}/token/revocation`,
  introspection: `${OIDC_PREFIX}/token/introspection`,
  registration: `${OIDC_PREFIX}/reg`,
  pushed_authorization_request: `${OIDC_PREFIX}/request`,
  code_verification: `${OIDC_PREFIX}/device`,
  device_authorization: `${OIDC_PREFIX}/device/auth`,
  backchannel_authentication: `${OIDC_PREFIX}/backchannel`,
};
export const interactionPath = (uid: string) => `${OIDC_PREFIX}/interaction/${uid}`;

export const SCOPES = ['openid', 'profile', 'email', 'licence', 'offline_access'];

export interface ProviderDeps {
  issuer: string;
  db: Db;
  applications: ApplicationsService;
  keys: ProviderKeys;
  /** The OP session lasts as long as the console's end-user session. */
  sessionTtlS: number;
}

/**
 * A person who has an OP session but may no longer sign in (deactivated, no licence: findAccount
 * refuses them) goes through the interaction again, where the console's gate refuses them.
 */
function policy() {
  const base = interactionPolicy.base();
  base
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check(
        'account_unavailable',
        'The person may no longer sign in',
        (ctx) =>
          ctx.oidc.session?.accountId && !ctx.oidc.account
            ? interactionPolicy.Check.REQUEST_PROMPT
            : interactionPolicy.Check.NO_NEED_TO_PROMPT,
      ),
    );
  return base;
}

/** First-party applications: no consent page; the grant covers what the application asks. */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const clientId = oidc.client?.clientId;
  const accountId = oidc.session?.accountId;
  if (!clientId || !accountId) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
  const found = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  const grant =
    found && found.accountId === accountId
      ? found
      : new oidc.provider.Grant({ clientId, accountId });
  const requested = String(oidc.params?.scope ?? 'openid')
    .split(' ')
    .filter((s) => SCOPES.includes(s));
  grant.addOIDCScope(requested.join(' '));
  await grant.save();
  return grant;
}

export function buildProvider(deps: ProviderDeps): Provider {
  // oidc-provider wants a client_secret for confidential clients; it never compares it, since
  // compareClientSecret is replaced below. Random, so that nothing known could ever match.
  const placeholderSecret = randomToken(32);
  const clientLookup = async (clientId: string) => {
    const metadata = await deps.applications.clientMetadata(clientId);
    return metadata && { ...metadata, client_secret: placeholderSecret };
  };
  const configuration: Configuration = {
    adapter: (name: string) => new DbAdapter(deps.db, name, clientLookup),
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: ['code'],
    pkce: { required: () => true, methods: ['S256'] },
    scopes: SCOPES,
    claims: {
      openid: ['sub'],
      email: ['email'],
      profile: ['name', 'preferred_username'],
      licence: ['licence', 'groups'],
    },
    // The claims of the scopes in the ID token too, not only at userinfo.
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const claims = await accountClaims(deps.db, sub);
      if (!claims) return undefined;
      return {
        accountId: sub,
        async claims() {
          const current = (await accountClaims(deps.db, sub)) ?? claims;
          const { email, ...rest } = current;
          return email ? { ...rest, email } : rest;
        },
      };
    },
    loadExistingGrant,
    // First-party applications get a refresh token without offline_access (which oidc-provider
    // honours only with prompt=consent, a page these applications never show).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    interactions: {
      url: (_ctx, interaction) => interactionPath(interaction.uid),
      policy: policy(),
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: logoutPage,
        postLogoutSuccessSource: signedOutPage,
      },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      registration: { enabled: false },
      deviceFlow: { enabled: false },
      introspection: { enabled: false },
    },
    renderError: (ctx, out) => errorPage(ctx, out),
    cookies: {
      keys: deps.keys.cookieKeys,
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    jwks: { keys: deps.keys.signing as NonNullable<Configuration['jwks']>['keys'] },
    enabledJWA: { idTokenSigningAlgValues: ['RS256'], userinfoSigningAlgValues: ['RS256'] },
    routes: OIDC_ROUTES,
    ttl: { ...TTL, Session: deps.sessionTtlS },
  };
  const provider = new Provider(deps.issuer, configuration);
  // The console sets X-Forwarded-Host and -Proto itself, from PUBLIC_URL (oidc-provider routes).
  provider.proxy = true;
  // The secret is stored hashed: the console checks it (current, or previous within the grace
  // period), as oidc-provider's maintainer suggests for hashed secrets (issue #631).
  provider.Client.prototype.compareClientSecret = function (this: { clientId: string }, actual) {
    return deps.applications.verifySecret(this.clientId, actual);
  };
  return provider;
}
