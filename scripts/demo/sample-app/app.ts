/**
 * A small application as any Node app would connect to the console: node:http and openid-client
 * 6 (discovery, authorization code with PKCE, state and nonce, client_secret_basic), a session
 * in its own cookie, the person checked at the console's userinfo on every page (refreshing the
 * access token when it expired), and sign-out through RP-initiated logout.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import { readBody, WebhookInbox } from '../webhook-receiver';
import { errorPage, eventsPage, helloPage, type Person, signedOutPage } from './pages';

export interface SampleAppOptions {
  /** The console's issuer (PUBLIC_URL). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  port: number;
  /** The webhook endpoint's signing secret (`whsec_...`); otherwise pasted at /events. */
  webhookSecret?: string;
  /** Hears every token the console issues to the app (the e2e run greps the console's log for them). */
  onTokens?: (tokens: { accessToken: string; refreshToken?: string; idToken?: string }) => void;
}

interface Session {
  sub: string;
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
}
interface Pending {
  state: string;
  nonce: string;
  verifier: string;
}

const SCOPE = 'openid profile email licence';
const SESSION = 'sample_session';
const PENDING = 'sample_signin';

function cookies(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

const cookie = (name: string, value: string, maxAge?: number) =>
  `${name}=${value}; Path=/; HttpOnly; SameSite=Lax${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}`;

function html(res: http.ServerResponse, status: number, body: string, setCookie: string[] = []) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'set-cookie': setCookie,
  });
  res.end(body);
}

function redirect(res: http.ServerResponse, location: string, setCookie: string[] = []) {
  res.writeHead(303, { location, 'cache-control': 'no-store', 'set-cookie': setCookie });
  res.end();
}

export async function startSampleApp(options: SampleAppOptions) {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sessions = new Map<string, Session>();
  const inbox = new WebhookInbox({
    requireSecret: true,
    keep: 200,
    ...(options.webhookSecret ? { secret: options.webhookSecret } : {}),
  });
  const fromEnv = Boolean(options.webhookSecret);
  const events = (
    status: number,
    res: http.ServerResponse,
    extra: { note?: string; error?: string } = {},
  ) =>
    html(
      res,
      status,
      eventsPage(inbox.events, {
        hasSecret: inbox.hasSecret,
        fromEnv,
        webhookUrl: `${baseUrl}/webhooks`,
        ...extra,
      }),
    );
  const pending = new Map<string, Pending>();
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        new URL(options.issuer),
        options.clientId,
        undefined,
        oidc.ClientSecretBasic(options.clientSecret),
        // The demo's console is http on loopback; a real one is https.
        options.issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  /** The person as the console says now; undefined when it no longer lets them in. */
  async function current(session: Session): Promise<Person | undefined> {
    const config = await configuration();
    const read = async () => {
      const info = await oidc.fetchUserInfo(config, session.accessToken, session.sub);
      return {
        name: String(info.name ?? info.preferred_username ?? info.sub),
        email: String(info.email ?? ''),
        licence: String(info.licence ?? ''),
        groups: Array.isArray(info.groups) ? info.groups.map(String) : [],
      };
    };
    try {
      return await read();
    } catch {
      if (!session.refreshToken) return undefined;
    }
    try {
      const tokens = await oidc.refreshTokenGrant(config, session.refreshToken);
      session.accessToken = tokens.access_token;
      session.refreshToken = tokens.refresh_token ?? session.refreshToken;
      options.onTokens?.({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token });
      return await read();
    } catch {
      return undefined;
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', baseUrl);
    const jar = cookies(req);
    const sid = jar[SESSION];
    const session = sid ? sessions.get(sid) : undefined;

    if (req.method === 'GET' && url.pathname === '/healthz') return html(res, 200, 'ok');
    if (req.method === 'POST' && url.pathname === '/webhooks') {
      const answer = inbox.receive(await readBody(req), req.headers);
      res.writeHead(answer.status, { 'content-type': 'text/plain' });
      return void res.end(answer.text);
    }
    if (req.method === 'GET' && url.pathname === '/events') {
      return events(200, res, url.searchParams.has('saved') ? { note: 'Secret saved.' } : {});
    }
    if (req.method === 'POST' && url.pathname === '/events/secret') {
      if (req.headers.origin && req.headers.origin !== baseUrl)
        return html(res, 403, errorPage('Refused.'));
      if (fromEnv)
        return events(409, res, { error: 'The secret comes from SAMPLE_WEBHOOK_SECRET.' });
      const secret = new URLSearchParams(await readBody(req, 10_000)).get('secret') ?? '';
      try {
        if (!secret.trim().startsWith('whsec_')) throw new Error('not whsec_');
        inbox.setSecret(secret);
      } catch {
        // Never echoed back nor logged.
        return events(400, res, {
          error: 'That is not a signing secret: paste the whsec_... value the console showed.',
        });
      }
      return redirect(res, '/events?saved');
    }
    if (req.method === 'GET' && url.pathname === '/') {
      if (!session) return html(res, 200, signedOutPage());
      const person = await current(session);
      if (person) return html(res, 200, helloPage(person));
      sessions.delete(sid as string);
      const note =
        'The console no longer lets you in (deactivated in Okta, or no licence): you are signed out.';
      return html(res, 403, signedOutPage(note), [cookie(SESSION, '', 0)]);
    }
    if (req.method === 'GET' && url.pathname === '/login') {
      const config = await configuration();
      const tx: Pending = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        verifier: oidc.randomPKCECodeVerifier(),
      };
      const id = randomBytes(16).toString('base64url');
      pending.set(id, tx);
      setTimeout(() => pending.delete(id), 10 * 60_000).unref();
      const to = oidc.buildAuthorizationUrl(config, {
        redirect_uri: `${baseUrl}/callback`,
        scope: SCOPE,
        code_challenge: await oidc.calculatePKCECodeChallenge(tx.verifier),
        code_challenge_method: 'S256',
        state: tx.state,
        nonce: tx.nonce,
      });
      return redirect(res, to.href, [cookie(PENDING, id, 600)]);
    }
    if (req.method === 'GET' && url.pathname === '/callback') {
      const id = jar[PENDING];
      const tx = id ? pending.get(id) : undefined;
      if (id) pending.delete(id);
      if (!tx) return html(res, 400, errorPage('This sign-in expired. Sign in again.'));
      try {
        const tokens = await oidc.authorizationCodeGrant(await configuration(), url, {
          pkceCodeVerifier: tx.verifier,
          expectedState: tx.state,
          expectedNonce: tx.nonce,
          idTokenExpected: true,
        });
        options.onTokens?.({
          accessToken: tokens.access_token,
          refreshToken: tokens.refresh_token,
          idToken: tokens.id_token,
        });
        const claims = tokens.claims();
        const newSid = randomBytes(32).toString('base64url');
        sessions.set(newSid, {
          sub: String(claims?.sub),
          accessToken: tokens.access_token,
          refreshToken: tokens.refresh_token,
          idToken: tokens.id_token,
        });
        return redirect(res, '/', [cookie(SESSION, newSid), cookie(PENDING, '', 0)]);
      } catch (error) {
        const e = error as { error?: string; message?: string };
        return html(
          res,
          400,
          errorPage(`The console refused the sign-in: ${e.error ?? e.message}`),
        );
      }
    }
    if (req.method === 'POST' && url.pathname === '/logout') {
      if (req.headers.origin && req.headers.origin !== baseUrl)
        return html(res, 403, errorPage('Refused.'));
      if (sid) sessions.delete(sid);
      const end = oidc.buildEndSessionUrl(await configuration(), {
        post_logout_redirect_uri: `${baseUrl}/signed-out`,
        ...(session?.idToken ? { id_token_hint: session.idToken } : {}),
      });
      return redirect(res, end.href, [cookie(SESSION, '', 0)]);
    }
    if (req.method === 'GET' && url.pathname === '/signed-out') {
      return html(res, 200, signedOutPage('You are signed out.'));
    }
    return html(res, 404, errorPage('Nothing here.'));
  }

  server.on('request', (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        html(res, 502, errorPage('The console could not be reached. Try again.'));
    });
  });
  return {
    url: baseUrl,
    redirectUri: `${baseUrl}/callback`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
