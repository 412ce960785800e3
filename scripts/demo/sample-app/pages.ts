/** The sample application's pages: plain HTML, as a small Node app would have. */
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Sample app</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;background:#fbf7f0;color:#1f1b16;margin:0}
header{background:#5b3cc4;color:#fff;padding:12px 24px;font-weight:600}
main{max-width:40rem;margin:48px auto;padding:0 24px}
h1{font-size:1.75rem;margin:0 0 16px}
a.button,button{display:inline-block;padding:10px 18px;font:inherit;font-weight:600;color:#fff;background:#5b3cc4;border:0;border-radius:4px;text-decoration:none;cursor:pointer}
a.button:focus-visible,button:focus-visible{outline:3px solid #f4b400;outline-offset:2px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{font-weight:600}
.note{color:#5c554c}
</style></head>
<body><header>Sample app · signs in with the Okta SSO Console</header><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

export function signedOutPage(note?: string) {
  return page(
    'Welcome',
    `${note ? `<p role="status">${escapeHtml(note)}</p>` : ''}
<p>This application signs people in through the console (OpenID Connect).</p>
<p><a class="button" href="/login">Sign in</a></p>`,
  );
}

const LICENCE: Record<string, string> = { pro: 'Pro', basic: 'Basic' };

export interface Person {
  name: string;
  email: string;
  licence: string;
  groups: string[];
}

export function helloPage(person: Person) {
  const licence = LICENCE[person.licence] ?? person.licence;
  return page(
    `Hello ${person.name} — ${licence}`,
    `<dl><dt>Email</dt><dd>${escapeHtml(person.email)}</dd>
<dt>Licence</dt><dd>${escapeHtml(licence)}</dd>
<dt>Groups</dt><dd>${escapeHtml(person.groups.join(', ') || '(none)')}</dd></dl>
<p class="note">Checked with the console on every page: a deactivation in Okta shows on the next one.</p>
<form method="post" action="/logout"><button type="submit">Sign out</button></form>`,
  );
}

export function errorPage(text: string) {
  return page('Sign-in did not complete', `<p>${escapeHtml(text)}</p><p><a href="/">Back</a></p>`);
}
