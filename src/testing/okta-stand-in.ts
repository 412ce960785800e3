/**
 * An OpenID Provider on loopback that stands in for Okta in tests and the demo: oidc-provider 8
 * (a certified OP), one confidential web client, a few people, and Okta's two issuer shapes: the
 * org authorization server at the root and a custom one under /oauth2/default.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { passwordSignIn } from './okta-stand-in-sign-in';

export interface StandInPerson {
  /** Okta's user id (00u...), the `sub` claim. */
  sub: string;
  email: string;
  name: string;
  givenName?: string;
  familyName?: string;
  /** Checked by the password form (`passwordForm`); the dev interactions take any password. */
  password?: string;
}

export interface StandInOptions {
  clientId?: string;
  clientSecret?: string;
  /** The product's `/auth/okta/callback`. */
  redirectUris?: string[];
  people?: StandInPerson[];
  /** Mount the provider under this path (e.g. /oauth2/default) to act as a custom auth server. */
  pathPrefix?: string;
  port?: number;
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
  /**
   * What discovery lists in token_endpoint_auth_methods_supported (oidc-provider's
   * `clientAuthMethods`); oidc-provider's own list when omitted.
   */
  clientAuthMethods?: Array<'client_secret_basic' | 'client_secret_post' | 'none'>;
  /**
   * A labelled Username/Password form that checks the people's passwords, and no consent page,
   * in place of oidc-provider's dev interactions (any login, then "Continue"). For the demo.
   */
  passwordForm?: boolean;
}

export interface OktaStandIn {
  issuer: string;
  clientId: string;
  clientSecret: string;
  port: number;
  provider: Provider;
  /**
   * How each token request authenticated: oidc-provider takes client_secret_basic and
   * client_secret_post alike, so tests read the choice here.
   */
  tokenRequests: Array<{ method: 'client_secret_basic' | 'client_secret_post' }>;
  close(): Promise<void>;
}

export async function startOktaStandIn(options: StandInOptions = {}): Promise<OktaStandIn> {
  const clientId = options.clientId ?? '0oa1standin2client3';
  const clientSecret = options.clientSecret ?? 'stand-in-client-secret-0123456789abcdef';
  const prefix = options.pathPrefix ?? '';
  const people = new Map((options.people ?? []).map((p) => [p.email.toLowerCase(), p]));
  const signIn = options.passwordForm ? passwordSignIn(people) : undefined;

  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}${prefix}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris ?? ['http://localhost:3000/auth/okta/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: options.tokenEndpointAuthMethod ?? 'client_secret_basic',
      },
    ],
    ...(options.clientAuthMethods ? { clientAuthMethods: options.clientAuthMethods } : {}),
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    },
    async findAccount(_ctx, id) {
      const person = people.get(id.toLowerCase());
      const sub = person?.sub ?? id;
      return {
        accountId: id,
        async claims() {
          return {
            sub,
            email: person?.email ?? id,
            email_verified: true,
            preferred_username: person?.email ?? id,
            name: person?.name ?? id,
            given_name: person?.givenName,
            family_name: person?.familyName,
          };
        },
      };
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: !signIn } },
    ...(signIn
      ? { interactions: { policy: signIn.policy, url: (_ctx, i) => signIn.url(prefix, i.uid) } }
      : {}),
    cookies: { keys: ['okta-stand-in-cookie-key-not-secret'] },
    ttl: {
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.proxy = false;
  const callback = provider.callback();

  const tokenRequests: OktaStandIn['tokenRequests'] = [];
  server.on('request', (req: http.IncomingMessage & { originalUrl?: string }, res) => {
    const url = req.url ?? '/';
    if (req.method === 'POST' && url.split('?')[0] === `${prefix}/token`) {
      const basic = /^basic /i.test(req.headers.authorization ?? '');
      tokenRequests.push({ method: basic ? 'client_secret_basic' : 'client_secret_post' });
    }
    if (prefix && !url.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      return;
    }
    if (prefix) {
      req.originalUrl = url;
      req.url = url.slice(prefix.length) || '/';
    }
    if (signIn) {
      void signIn.handle(provider, req, res, prefix).then((handled) => {
        if (!handled) callback(req, res);
      });
      return;
    }
    callback(req, res);
  });

  return {
    issuer,
    clientId,
    clientSecret,
    port,
    provider,
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
