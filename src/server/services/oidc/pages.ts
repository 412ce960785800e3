import { randomBytes } from 'node:crypto';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { html, page, raw } from '../../http/pages/html';
import { contentSecurityPolicy, STYLE_NONCE_PLACEHOLDER } from '../../http/security-headers';

/**
 * The provider's own pages (logout confirmation, errors) in the console's look, with the same
 * CSP as the end-user pages: no script, a style nonce new for each answer. `formTargets` are the
 * origins a form on the page may end up at (a post-logout redirect), since Chromium applies
 * form-action to the redirect after a form's POST too.
 */
export function sendProviderPage(
  ctx: KoaContextWithOIDC,
  status: number,
  source: string,
  formTargets: string[] = [],
) {
  const nonce = randomBytes(16).toString('base64');
  let policy = contentSecurityPolicy(nonce);
  if (formTargets.length > 0) {
    policy = policy.replace("form-action 'self'", `form-action 'self' ${formTargets.join(' ')}`);
  }
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('cache-control', 'no-store');
  ctx.set('content-security-policy', policy);
  ctx.body = source.replaceAll(STYLE_NONCE_PLACEHOLDER, `nonce="${nonce}"`);
}

function originOf(uri: unknown): string[] {
  try {
    return typeof uri === 'string' ? [new URL(uri).origin] : [];
  } catch {
    return [];
  }
}

export function logoutPage(ctx: KoaContextWithOIDC, form: string) {
  const client = ctx.oidc.client;
  const name = client?.clientName ?? 'the application';
  const targets = originOf(ctx.oidc.params?.post_logout_redirect_uri);
  sendProviderPage(
    ctx,
    200,
    page(
      'Sign out',
      html`<p>Sign out of ${name} and of this console's sign-in?</p>
${raw(form)}
<p><button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button></p>`,
    ),
    targets,
  );
}

export function signedOutPage(ctx: KoaContextWithOIDC) {
  sendProviderPage(ctx, 200, page('You are signed out', html`<p>You can close this window.</p>`));
}

/** Errors in words for a person; the error code and its description, never a token. */
export function errorPage(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
) {
  const status = Math.max(ctx.status, 400);
  sendProviderPage(
    ctx,
    status,
    page(
      'Sign-in did not complete',
      html`<p>The application's sign-in request was refused.</p>
<p class="muted">${out.error}${out.error_description ? `: ${out.error_description}` : ''}</p>`,
    ),
  );
}
