/**
 * The admin sign-in page, rendered on the server: a plain HTML form that posts to the sign-in
 * endpoint (POST /api/session's handler, also at /sign-in: routes/sign-in-form.ts) and works
 * without any script. It is the first page every admin sees, so it carries no JavaScript at all:
 * nothing to download, parse or run before typing.
 */
import { RETURN_PARAM } from '../../../shared/return-path';
import { STYLE_NONCE_PLACEHOLDER } from '../security-headers';
import { html, raw } from './html';

export interface SignInView {
  /** What the admin typed, to fill in again (never the password). */
  email?: string;
  /** Where to go after signing in (already checked by safeReturnPath). */
  returnPath: string;
  /** One message per field, shown under it. */
  fields?: { email?: string; password?: string };
  /** A message for the whole form: wrong pair, too many attempts, a refused request. */
  alert?: string;
}

// Colours meet WCAG AA contrast on white; the focus ring is visible on every control.
const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f5f5f5; color: rgba(0,0,0,.87); }
  main { box-sizing: border-box; width: calc(100% - 2rem); max-width: 400px; margin: 1rem; padding: 2rem;
    background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; }
  h1 { font-size: 1.5rem; font-weight: 400; line-height: 1.334; margin: 0 0 .35em; }
  p { margin: 0; line-height: 1.5; }
  .muted { color: #5f6368; }
  label { display: block; margin: 1.25rem 0 .25rem; font-weight: 500; }
  input { box-sizing: border-box; width: 100%; padding: .75rem; font: inherit; font-size: 1rem;
    border: 1px solid #767676; border-radius: 8px; }
  input[aria-invalid="true"] { border-color: #c62828; }
  .field-error { color: #c62828; font-size: .875rem; margin-top: .25rem; }
  button { width: 100%; margin-top: 1.5rem; padding: .7rem 1rem; font: inherit; font-weight: 600; font-size: 1rem;
    color: #fff; background: #1d4ed8; border: 0; border-radius: 8px; cursor: pointer; }
  button:hover { background: #1e40af; }
  input:focus-visible, button:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
  .alert { margin-top: 1rem; padding: .75rem 1rem; border-radius: 8px; background: #fdeded; color: #5f2120; }
`;

function field(
  name: 'email' | 'password',
  label: string,
  attrs: { type: string; autocomplete: string; value?: string; autofocus: boolean },
  error: string | undefined,
) {
  const errorId = `${name}-error`;
  return html`<label for="${name}">${label}</label>
<input id="${name}" name="${name}" type="${attrs.type}" autocomplete="${attrs.autocomplete}" required${
    attrs.value ? html` value="${attrs.value}"` : ''
  }${attrs.autofocus ? raw(' autofocus') : ''}${
    error ? html` aria-invalid="true" aria-describedby="${errorId}"` : ''
  }${name === 'email' ? raw(' autocapitalize="none" spellcheck="false"') : ''}>
${error ? html`<p class="field-error" id="${errorId}">${error}</p>` : ''}`;
}

export function signInPage(view: SignInView): string {
  const action =
    view.returnPath === '/'
      ? '/sign-in'
      : `/sign-in?${RETURN_PARAM}=${encodeURIComponent(view.returnPath)}`;
  const fields = view.fields ?? {};
  // The first field that needs attention gets the focus; the password when only the pair failed.
  const focus = fields.email || !view.email ? 'email' : 'password';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Sign in to the Okta SSO Console, which connects this application to Okta.">
<meta name="theme-color" content="#1d4ed8">
<meta name="referrer" content="same-origin">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<title>Sign in · Okta SSO Console</title>
<style ${raw(STYLE_NONCE_PLACEHOLDER)}>${raw(STYLE)}</style>
</head>
<body>
<main>
<h1>Sign in to Okta SSO Console</h1>
<p class="muted">Use the administrator account of this console.</p>
${view.alert ? html`<p class="alert" role="alert">${view.alert}</p>` : ''}
<form method="post" action="${action}" novalidate>
${field('email', 'Email', { type: 'email', autocomplete: 'username', value: view.email, autofocus: focus === 'email' }, fields.email)}
${field('password', 'Password', { type: 'password', autocomplete: 'current-password', autofocus: focus === 'password' }, fields.password)}
<button type="submit">Sign in</button>
</form>
</main>
</body>
</html>
`.value;
}
