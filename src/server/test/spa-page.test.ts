/**
 * The console's pages come with the API answers their first screen needs (spa-page.ts): the
 * session check always, and for a signed-in admin on "/", "/users" and "/activity" (with nothing
 * in the address) everything the page shows first, exactly as the API would answer it, safely
 * inside a non-executable <script type="application/json">.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_ANSWERS_ID } from '../../shared/api/endpoint';
import { FIRST_SCREEN_TARGETS, SESSION_TARGET } from '../../shared/api/first-screen';
import { type Harness, type SignedInClient, startHarness } from '../../testing/server-harness';
import { jsonForScript } from '../http/spa-page';

const root = path.resolve(import.meta.dirname, '../../..');
// `$'` and `$&` would be replacement patterns if the page were assembled with a string replace.
const HOSTILE = "</script><script>window.pwned=1</script><!-- $' $& $`";

/** The answers embedded in a page, parsed as the browser's JSON.parse would read them. */
function answersIn(html: string): Record<string, unknown> {
  const open = `<script type="application/json" id="${EMBEDDED_ANSWERS_ID}">`;
  const start = html.indexOf(open);
  expect(start, 'the page has its answers').toBeGreaterThan(-1);
  const end = html.indexOf('</script>', start);
  return JSON.parse(html.slice(start + open.length, end));
}

describe('pages served with their first screen', () => {
  let harness: Harness;
  let admin: SignedInClient;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-spa-'));
    fs.copyFileSync(path.join(root, 'index.html'), path.join(staticDir, 'index.html'));
    harness = await startHarness({ staticDir });
    admin = await harness.session();
    const created = await admin.inject({
      method: 'POST',
      url: '/api/directory-groups',
      payload: { groupName: `Sales ${HOSTILE}`, capability: 'pro', addAnyway: true },
    });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => {
    await harness.close();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('signed out: straight to the sign-in page, which returns to the page asked for', async () => {
    const home = await harness.app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/sign-in');
    const users = await harness.app.inject({ method: 'GET', url: '/users?licence=pro' });
    expect(users.statusCode).toBe(303);
    expect(users.headers.location).toBe('/sign-in?return=%2Fusers%3Flicence%3Dpro');
    expect(users.body).not.toContain('<div id="root">');
  });

  // The requests each page's client makes first, with nothing in its address (default paging).
  const firstRequests: Record<string, string[]> = {
    '/': ['/api/directory-groups?page=1&pageSize=25&sort=name&order=asc'],
    '/users': [
      '/api/users/totals',
      '/api/users?page=1&pageSize=25',
      '/api/sign-in-events?outcome=refused&limit=10',
    ],
    '/activity': ['/api/activity/provisioning?page=1&pageSize=25'],
    '/admins': ['/api/admins'],
    '/applications': ['/api/applications'],
  };

  for (const [path, expected] of Object.entries(firstRequests)) {
    it(`signed in, "${path}": every first-screen answer, equal to what the API answers`, async () => {
      const page = await admin.inject({ method: 'GET', url: path });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('private, no-cache');
      expect(String(page.headers.vary)).toMatch(/cookie/);
      const answers = answersIn(page.body);
      const targets = [SESSION_TARGET, ...(FIRST_SCREEN_TARGETS[path] ?? [])];
      expect(Object.keys(answers).sort()).toEqual([...targets].sort());
      for (const target of expected) expect(targets).toContain(target);
      for (const target of targets) {
        const direct = await admin.inject({ method: 'GET', url: target });
        expect(direct.statusCode, target).toBe(200);
        expect(answers[target], target).toEqual(direct.json());
      }
      // Never the session cookie itself: the page is readable by the page's own scripts.
      expect(page.body).not.toContain(admin.cookieValue);
    });
  }

  it('with filters in the address, or elsewhere, a page carries only the session check', async () => {
    // Its first screen asks for other data; an unused answer would be served later as current.
    for (const url of ['/users?page=2', '/activity?tab=audit', '/?from=okta', '/x']) {
      const page = await admin.inject({ method: 'GET', url });
      expect(Object.keys(answersIn(page.body)), url).toEqual([SESSION_TARGET]);
    }
    // A bare '?' is no filter, as the browser's location.search reads it.
    const bare = await admin.inject({ method: 'GET', url: '/users?' });
    expect(Object.keys(answersIn(bare.body))).toContain('/api/users/totals');
  });

  it('a name that tries to close the script element stays data', async () => {
    const page = await admin.inject({ method: 'GET', url: '/' });
    // One <script> for the answers, plus the ones index.html has; none opened by the name.
    expect(page.body).not.toContain(HOSTILE);
    expect(page.body).not.toContain('window.pwned=1</script>');
    const list = answersIn(page.body)[
      '/api/directory-groups?page=1&pageSize=25&sort=name&order=asc'
    ] as { groups: { name: string }[] };
    expect(list.groups.map((g) => g.name)).toEqual([`Sales ${HOSTILE}`]);
    expect(jsonForScript({ a: '<\u2028>' })).toBe('{"a":"\\u003c\\u2028>"}');
  });

  it('compressed with brotli or gzip when the browser accepts it', async () => {
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const page = await admin.inject({
        method: 'GET',
        url: '/',
        headers: { 'accept-encoding': `${encoding}, deflate` },
      });
      expect(page.headers['content-encoding'], encoding).toBe(encoding);
      const html = decode(page.rawPayload).toString('utf8');
      expect(Object.keys(answersIn(html))).toContain(SESSION_TARGET);
    }
  });
});
