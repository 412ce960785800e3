import type { ReceivedEvent } from '../webhook-receiver';

/** The sample application's pages: plain HTML, as a small Node app would have. */
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function page(title: string, body: string, wide = false): string {
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
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #d8d0c4;vertical-align:top}
code{font-size:.85em;word-break:break-all}
label{display:block;font-weight:600;margin-bottom:4px}input{font:inherit;padding:8px;width:100%;max-width:32rem;box-sizing:border-box;margin-bottom:8px}
main.wide{max-width:64rem}
</style></head>
<body><header>Sample app · signs in with the Okta SSO Console</header><main${wide ? ' class="wide"' : ''}>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

const EVENTS_LINK =
  '<p><a href="/events">Events received</a>: what the console told this app by webhook.</p>';

export function signedOutPage(note?: string) {
  return page(
    'Welcome',
    `${note ? `<p role="status">${escapeHtml(note)}</p>` : ''}
<p>This application signs people in through the console (OpenID Connect).</p>
<p><a class="button" href="/login">Sign in</a></p>
${EVENTS_LINK}`,
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
<form method="post" action="/logout"><button type="submit">Sign out</button></form>
${EVENTS_LINK}`,
  );
}

export function errorPage(text: string) {
  return page('Sign-in did not complete', `<p>${escapeHtml(text)}</p><p><a href="/">Back</a></p>`);
}

const get = (value: unknown, ...keys: string[]): string | undefined => {
  let at = value;
  for (const key of keys) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'string' || typeof at === 'number' ? String(at) : undefined;
};

/** Whom or what the event is about: a person's email, a group's name. */
function subject(e: ReceivedEvent): string {
  const d = e.data;
  return (
    get(d, 'user', 'email') ??
    get(d, 'user', 'userName') ??
    get(d, 'group', 'displayName') ??
    get(d, 'mapping', 'groupName') ??
    ''
  );
}

/** before → after for licence and mapping changes, the old name for a rename. */
function change(e: ReceivedEvent): string {
  const d = e.data;
  const before = get(d, 'before') ?? get(d, 'mapping', 'before');
  const after = get(d, 'after') ?? get(d, 'mapping', 'after');
  if (before !== undefined || after !== undefined) {
    const cause = get(d, 'cause');
    return `${before ?? 'none'} → ${after ?? 'none'}${cause ? ` (${cause})` : ''}`;
  }
  const previous = get(d, 'previousName');
  return previous ? `was ${previous}` : '';
}

export function eventsPage(
  events: readonly ReceivedEvent[],
  state: {
    hasSecret: boolean;
    fromEnv: boolean;
    webhookUrl: string;
    note?: string;
    error?: string;
  },
) {
  const rows = events
    .slice()
    .reverse()
    .map(
      (e) => `<tr><td>${escapeHtml(e.type)}</td><td>${escapeHtml(subject(e))}</td>
<td>${escapeHtml(change(e))}</td><td><code>${escapeHtml(e.id)}</code></td>
<td><time datetime="${escapeHtml(e.receivedAt)}">${escapeHtml(e.receivedAt.replace('T', ' ').slice(0, 19))}</time></td>
<td>${e.verified ? 'signature verified' : 'not verified'}</td></tr>`,
    )
    .join('\n');
  const secret = state.fromEnv
    ? '<p class="note">The signing secret comes from SAMPLE_WEBHOOK_SECRET.</p>'
    : `<form method="post" action="/events/secret">
<label for="secret">Webhook signing secret</label>
<input id="secret" name="secret" type="password" autocomplete="off" spellcheck="false" required placeholder="whsec_..."${state.error ? ' aria-invalid="true" aria-describedby="secret-error"' : ''}>
${state.error ? `<p id="secret-error" role="alert">${escapeHtml(state.error)}</p>` : ''}
<button type="submit">Save secret</button>
<p class="note">${state.hasSecret ? 'A secret is set (kept in memory only); saving another replaces it.' : 'No secret yet: deliveries are refused (503) and the console retries them once you save it.'}</p>
</form>`;
  return page(
    'Events received',
    `${state.note ? `<p role="status">${escapeHtml(state.note)}</p>` : ''}
<p>The console's webhook deliveries to <code>${escapeHtml(state.webhookUrl)}</code>, each verified with the
<code>standardwebhooks</code> package; the last 200 are kept, newest first.</p>
${secret}
<table><caption class="note">${events.length} event${events.length === 1 ? '' : 's'}</caption>
<thead><tr><th scope="col">Type</th><th scope="col">Person or group</th><th scope="col">Change</th>
<th scope="col">webhook-id</th><th scope="col">Received</th><th scope="col">Signature</th></tr></thead>
<tbody>${rows}</tbody></table>
<p><a href="/">Back</a></p>`,
    true,
  );
}
