/**
 * The stand-in's own sign-in page for the demo, in place of oidc-provider's dev interactions: a
 * labelled Username and Password form that checks each person's password, and no consent page
 * (an Okta web app that the admin assigned people to asks none). It asks on every sign-in, even
 * with a session at the stand-in, so that one browser can try one person after another.
 */
import type http from 'node:http';
import { interactionPolicy, type default as Provider } from 'oidc-provider';

export interface PasswordPerson {
  email: string;
  password?: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function page(action: string, login: string, error?: string): string {
  const alert = error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign In · Okta stand-in</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;background:#f4f4f6;color:#1d1d21;margin:0}
main{max-width:360px;margin:64px auto;background:#fff;border:1px solid #d7d7dc;border-radius:8px;padding:32px}
h1{font-size:1.5rem;margin:0 0 4px}p.sub{margin:0 0 24px;color:#4d4d57}
label{display:block;font-weight:600;margin:16px 0 4px}
input{box-sizing:border-box;width:100%;padding:10px;font:inherit;border:1px solid #8c8c96;border-radius:4px}
button{margin-top:24px;width:100%;padding:10px;font:inherit;font-weight:600;color:#fff;background:#1662dd;border:0;border-radius:4px;cursor:pointer}
.error{background:#fdecea;color:#8a1c12;border-radius:4px;padding:8px 12px}
.hint{margin-top:24px;font-size:.875rem;color:#4d4d57}
</style></head>
<body><main>
<h1>Sign In</h1>
<p class="sub">Okta stand-in for the okta-sso-console demo</p>
${alert}
<form method="post" action="${escapeHtml(action)}">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" required value="${escapeHtml(login)}"${login ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${login ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
<p class="hint">The demo's people and their passwords are printed in the terminal that runs <code>npm run demo</code>.</p>
</main></body></html>`;
}

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 8192) req.destroy(new Error('form too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, html: string) {
  res
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    .end(html);
}

/**
 * The interaction URL to configure (`interactions.url`) and the handler for it. `handle` answers
 * true when the request was the sign-in page's, false to let oidc-provider answer it.
 */
export function passwordSignIn(people: Map<string, PasswordPerson>) {
  const path = '/signin/';
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check('demo_asks_each_time', 'The demo asks who signs in', (ctx) =>
        ctx.oidc.result?.login
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );
  return {
    policy,
    url: (prefix: string, uid: string) => `${prefix}${path}${uid}`,
    async handle(
      op: Provider,
      req: http.IncomingMessage,
      res: http.ServerResponse,
      prefix: string,
    ) {
      const url = req.url ?? '/';
      if (!url.startsWith(path)) return false;
      try {
        const details = await op.interactionDetails(req, res);
        const action = `${prefix}${path}${details.uid}`;
        const hint = details.params.login_hint;
        if (req.method !== 'POST') {
          send(res, 200, page(action, typeof hint === 'string' ? hint : ''));
          return true;
        }
        const form = await readForm(req);
        const login = (form.get('username') ?? '').trim();
        const person = people.get(login.toLowerCase());
        if (!person || person.password === undefined || person.password !== form.get('password')) {
          send(
            res,
            401,
            page(action, login, 'Unable to sign in: check the username and password.'),
          );
          return true;
        }
        const grant = new op.Grant({
          accountId: person.email,
          clientId: String(details.params.client_id),
        });
        grant.addOIDCScope(String(details.params.scope ?? 'openid'));
        const grantId = await grant.save();
        await op.interactionFinished(
          req,
          res,
          { login: { accountId: person.email }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        send(res, 400, `<!doctype html><title>Sign-in failed</title><p>${escapeHtml(message)}</p>`);
      }
      return true;
    },
  };
}
