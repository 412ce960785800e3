/**
 * The console's pages come with their first screen (spa-page.ts). Rendered on the server (the
 * default): the page's HTML and styles, and the query cache it was rendered from (the session,
 * and for a signed-in admin with nothing in the address every answer the first screen shows,
 * exactly as the API answers it); with PAGE_RENDERING=browser, the API answers themselves. Both
 * safely inside a non-executable <script type="application/json">.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERED_PAGE_ID, type RenderedPageData } from '../../client/ssr/page-data';
import { EMBEDDED_ANSWERS_ID } from '../../shared/api/endpoint';
import { firstScreenTargets, SESSION_TARGET } from '../../shared/api/first-screen';
import {
  type Harness,
  type SignedInClient,
  startHarness,
  TEST_ADMIN,
} from '../../testing/server-harness';
import { jsonForScript } from '../http/spa-page';

const root = path.resolve(import.meta.dirname, '../../..');
// `$'` and `$&` would be replacement patterns if the page were assembled with a string replace.
const HOSTILE = "</script><script>window.pwned=1</script><!-- $' $& $`";

/** The JSON in a page's `<script type="application/json" id={id}>`, as JSON.parse reads it. */
function jsonIn(html: string, id: string): unknown {
  const open = `<script type="application/json" id="${id}">`;
  const start = html.indexOf(open);
  expect(start, `the page has its ${id}`).toBeGreaterThan(-1);
  const end = html.indexOf('</script>', start);
  return JSON.parse(html.slice(start + open.length, end));
}

const answersIn = (html: string) => jsonIn(html, EMBEDDED_ANSWERS_ID) as Record<string, unknown>;

/** The data of each query a rendered page was rendered from, by query key. */
function queriesIn(html: string): Map<string, unknown> {
  const { queries } = jsonIn(html, RENDERED_PAGE_ID) as RenderedPageData;
  return new Map(queries.queries.map((q) => [JSON.stringify(q.queryKey), q.state.data]));
}

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
  '/webhooks': ['/api/webhooks'],
};

async function startConsole() {
  const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-spa-'));
  fs.copyFileSync(path.join(root, 'index.html'), path.join(staticDir, 'index.html'));
  return staticDir;
}

function withConsole(env: Record<string, string>) {
  const state = {} as { harness: Harness; admin: SignedInClient; staticDir: string };
  beforeAll(async () => {
    state.staticDir = await startConsole();
    state.harness = await startHarness({ staticDir: state.staticDir, env });
    state.admin = await state.harness.session();
    const created = await state.admin.inject({
      method: 'POST',
      url: '/api/directory-groups',
      payload: { groupName: `Sales ${HOSTILE}`, capability: 'pro', addAnyway: true },
    });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => {
    await state.harness.close();
    fs.rmSync(state.staticDir, { recursive: true, force: true });
  });
  return state;
}

describe('pages rendered on the server', () => {
  const c = withConsole({});

  it('signed out: straight to the sign-in page, which returns to the page asked for', async () => {
    const home = await c.harness.app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/sign-in');
    const users = await c.harness.app.inject({ method: 'GET', url: '/users?licence=pro' });
    expect(users.statusCode).toBe(303);
    expect(users.headers.location).toBe('/sign-in?return=%2Fusers%3Flicence%3Dpro');
  });

  for (const [path, expected] of Object.entries(firstRequests)) {
    it(`signed in, "${path}": the page's HTML, rendered from every first-screen answer`, async () => {
      const page = await c.admin.inject({ method: 'GET', url: path });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('private, no-cache');
      expect(String(page.headers.vary)).toMatch(/cookie/);
      expect(page.body).toMatch(/<div id="root" data-rendered><!--\$-->.*<h1 /s);
      // No script runs inline (the CSP allows none): files, and JSON that is only data.
      for (const [open] of page.body.matchAll(/<script\b[^>]*>/g)) {
        expect(open, path).toMatch(/\ssrc="\/|type="application\/json"/);
      }
      const queries = queriesIn(page.body);
      expect(queries.get('["session"]')).toMatchObject({ admin: { email: TEST_ADMIN.email } });
      const targets = firstScreenTargets(path);
      for (const target of expected) expect(targets).toContain(target);
      // One query per first-screen request, holding what the API answers.
      expect(queries.size).toBe(1 + targets.length);
      for (const target of targets) {
        const direct = await c.admin.inject({ method: 'GET', url: target });
        expect(direct.statusCode, target).toBe(200);
        expect([...queries.values()], target).toContainEqual(direct.json());
      }
      // Never the session cookie itself: the page is readable by the page's own scripts.
      expect(page.body).not.toContain(c.admin.cookieValue);
    });
  }

  it('with filters in the address, or elsewhere, a page is rendered from the session alone', async () => {
    // Its first screen asks for other data; an unused answer would be served later as current.
    for (const url of ['/users?page=2', '/activity?tab=audit', '/?from=okta', '/x']) {
      const page = await c.admin.inject({ method: 'GET', url });
      expect([...queriesIn(page.body).keys()], url).toEqual(['["session"]']);
    }
    const bare = await c.admin.inject({ method: 'GET', url: '/users?' });
    expect(queriesIn(bare.body).size).toBe(1 + firstScreenTargets('/users').length);
  });

  it('a name that tries to close the script element stays text and data', async () => {
    const page = await c.admin.inject({ method: 'GET', url: '/' });
    expect(page.body).not.toContain(HOSTILE);
    expect(page.body).not.toContain('window.pwned=1</script>');
    // Shown in the groups table as text...
    expect(page.body).toContain('Sales &lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;');
    // ...and in the cache as the name it is.
    const list = [...queriesIn(page.body).values()].find(
      (data) => (data as { groups?: unknown }).groups,
    ) as { groups: { name: string }[] };
    expect(list.groups.map((g) => g.name)).toEqual([`Sales ${HOSTILE}`]);
    expect(jsonForScript({ a: '<\u2028>' })).toBe('{"a":"\\u003c\\u2028>"}');
  });

  it('compressed with brotli or gzip when the browser accepts it', async () => {
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const page = await c.admin.inject({
        method: 'GET',
        url: '/',
        headers: { 'accept-encoding': `${encoding}, deflate` },
      });
      expect(page.headers['content-encoding'], encoding).toBe(encoding);
      const html = decode(page.rawPayload).toString('utf8');
      expect(queriesIn(html).has('["session"]')).toBe(true);
    }
  });
});

describe('pages rendered by the browser (PAGE_RENDERING=browser)', () => {
  const c = withConsole({ PAGE_RENDERING: 'browser' });

  for (const [path, expected] of Object.entries(firstRequests)) {
    it(`signed in, "${path}": every first-screen answer, equal to what the API answers`, async () => {
      const page = await c.admin.inject({ method: 'GET', url: path });
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('data-rendered');
      const answers = answersIn(page.body);
      const targets = [SESSION_TARGET, ...firstScreenTargets(path)];
      expect(Object.keys(answers).sort()).toEqual([...targets].sort());
      for (const target of expected) expect(targets).toContain(target);
      for (const target of targets) {
        const direct = await c.admin.inject({ method: 'GET', url: target });
        expect(direct.statusCode, target).toBe(200);
        expect(answers[target], target).toEqual(direct.json());
      }
      expect(page.body).not.toContain(c.admin.cookieValue);
    });
  }

  it('with filters in the address, or elsewhere, a page carries only the session check', async () => {
    for (const url of ['/users?page=2', '/activity?tab=audit', '/?from=okta', '/x']) {
      const page = await c.admin.inject({ method: 'GET', url });
      expect(Object.keys(answersIn(page.body)), url).toEqual([SESSION_TARGET]);
    }
  });

  it('a name that tries to close the script element stays data', async () => {
    const page = await c.admin.inject({ method: 'GET', url: '/' });
    expect(page.body).not.toContain(HOSTILE);
    expect(page.body).not.toContain('window.pwned=1</script>');
    const list = answersIn(page.body)[
      '/api/directory-groups?page=1&pageSize=25&sort=name&order=asc'
    ] as { groups: { name: string }[] };
    expect(list.groups.map((g) => g.name)).toEqual([`Sales ${HOSTILE}`]);
  });
});
