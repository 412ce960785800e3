/** What the terminal shows once the demo is up: what to open, what to type, whom to sign in as. */

import { NGINX } from '../../src/testing/nginx';
import { DEMO_LEAVER, DEMO_MAPPINGS, DEMO_PEOPLE, type DemoPerson } from './people';
import type { Demo } from './start-demo';

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[22m` : text);
export const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[22m` : text);

function table(rows: string[][], indent = '    '): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map(
      (r) =>
        indent +
        r
          .map((cell, i) => cell.padEnd((widths[i] ?? 0) + 3))
          .join('')
          .trimEnd(),
    )
    .join('\n');
}

function expected(person: DemoPerson): string {
  const licences = person.groups.map((g) => DEMO_MAPPINGS[g]);
  if (licences.length === 0) return 'refused: in no mapped group';
  const licence = licences.includes('pro') ? 'Pro' : 'Basic';
  const notes = [
    licences.length > 1 ? 'Pro wins over Basic' : '',
    person.email === DEMO_LEAVER ? 'deactivated and back by the changes' : '',
  ].filter(Boolean);
  return notes.length ? `${licence} (${notes.join('; ')})` : licence;
}

export function instructions(demo: Demo, options: { configured: boolean; startedInMs: number }) {
  const { okta } = demo;
  const consoleSteps = options.configured
    ? `${bold('The console is configured')} (--configured): incoming keys saved, Engineering → Pro, Sales → Basic,
  and on Webhooks the sample app's endpoint ${demo.sampleWebhookUrl} with every event type
  (its signing secret handed to the sample app).`
    : `${bold('Your steps in the console')} (or start with \`npm run demo -- --configured\` to skip them):
  1. Open ${demo.consoleUrl} and sign in with the admin email and password above.
  2. Choose "Set up incoming keys" and paste into "Setup incoming Okta keys":
${table(
  [
    ['Client ID', okta.clientId],
    ['Client secret', okta.clientSecret],
    ['Issuer URI', okta.issuer],
  ],
  '       ',
)}
     then choose Save.
  3. Under "Directory groups", choose "Add new groups": Engineering → Pro, then Sales → Basic.
  4. On Webhooks, add endpoint ${demo.sampleWebhookUrl}, choose user.licence_changed (or all),
     then paste the signing secret (whsec_..., shown once) at ${demo.sampleAppUrl}/events.`;

  return `
${bold(`Okta SSO Console demo is ready`)} (started in ${(options.startedInMs / 1000).toFixed(1)} s)

${table(
  [
    ['Console', demo.consoleUrl],
    ['Admin email', demo.admin.email],
    ['Admin password', demo.admin.password],
    ['Okta stand-in', `${okta.issuer}  (an OpenID Provider in place of your Okta org)`],
    ['Sample app', `${demo.sampleAppUrl}  (signs people in through the console)`],
    ['Its webhook', `${demo.sampleWebhookUrl}  (events received: ${demo.sampleAppUrl}/events)`],
    demo.nginxUrl
      ? [
          'Behind nginx',
          `${demo.nginxUrl}  (auth_request /auth/verify; Pro only: ${demo.nginxUrl}/pro/)`,
        ]
      : [
          'Behind nginx',
          `none: ${NGINX} is missing (apt-get install nginx, then restart the demo)`,
        ],
  ],
  '  ',
)}

${bold('Done for you, as Okta would do it')}:
  • Okta's web app (OpenID Connect) is registered with the two URIs the console's page shows:
${table([
  ['Login Redirect URI', demo.loginRedirectUri],
  ['Initiate Login URI', demo.initiateLoginUri],
])}
  • Okta's SCIM provisioning app got an access key from the console, passed "Test the
    Integration", assigned ${DEMO_PEOPLE.length} people and pushed the groups Engineering and Sales.

${consoleSteps}

${bold('Sign in as one of the people')}: open ${demo.initiateLoginUri}, then type a username and
password at the stand-in's sign-in form. /me shows who you are and your licence. Or open the
sample app, ${demo.sampleAppUrl}, and choose Sign in: it greets you with your licence
("Hello Ada Lovelace — Pro"), registered on the console's Applications page as "Sample app".
${table([
  ['Username', 'Password', 'Groups', 'Licence'],
  ...DEMO_PEOPLE.map((p) => [p.email, p.password, p.groups.join(', ') || '(none)', expected(p)]),
])}

${bold('Events for the application')}: change a group from Basic to Pro in the console (Sales, on
Directory groups) and ${demo.sampleAppUrl}/events lists each member's user.licence_changed,
signed by the console and verified by the sample app with the standardwebhooks package.
`;
}

export function controls(intervalSeconds: number, demo: Demo): string {
  const timer =
    intervalSeconds > 0
      ? `Every ${intervalSeconds} s Okta sends a profile update, a deactivation and a group rename (undone\nthe next time), for the console's Users and activity views.`
      : 'Okta sends changes only when you ask (the timer is off).';
  const data = demo.keepData
    ? `Data directory: ${demo.dataDir} (kept)`
    : `Data directory: ${demo.dataDir} (deleted when the demo stops)`;
  return `${timer}
Press Enter to send them now, or type u (profile update), d (deactivation), r (rename) and Enter.
Type a and Enter to have Okta deactivate Ada (again: reactivate her); the sample app (and the
page behind nginx) refuses her next page without a new sign-in.
Ctrl-C stops everything.
${dim(data)}
`;
}
