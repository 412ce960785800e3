import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RENDERED_ATTRIBUTE, RENDERED_PAGE_ID } from '../../client/ssr/page-data';
import { EMBEDDED_ANSWERS_ID } from '../../shared/api/endpoint';
import { firstScreenTargets, SESSION_TARGET } from '../../shared/api/first-screen';
import { signInPath } from '../../shared/return-path';
import { readerSettingsOf } from './reader-settings';
import {
  contentSecurityPolicy,
  newStyleNonce,
  STYLE_NONCE_PLACEHOLDER,
  styleAttributeHashes,
  withStyleNonce,
} from './security-headers';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * JSON that is safe inside a `<script>` element: `<` is escaped, so no value (a group name such
 * as `</script><script>…`) can close the element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const ROOT = /<div id="root">[\s\S]*?<\/div>/;
const MODULE_PRELOADS = /<link rel="modulepreload"[^>]*>/g;

/**
 * Serves a page of the console: index.html rendered with the API answers its first screen needs.
 * The answers come from the API itself, asked in-process with the visitor's own cookie, so they
 * are exactly what the client would get (never more: no secret is in any API answer) and only
 * what this visitor may see. Signed out, the visitor is sent to the sign-in page; with filters in
 * the address (`/users?page=2`), the page asks for other data than its first screen's defaults,
 * so only the session check is there too (an unused answer would be served later as current).
 *
 * A signed-in admin's page is rendered here (client/ssr/render-page.tsx): its HTML and styles
 * arrive complete and the browser adopts them. Should rendering fail, the page goes out with the
 * answers alone and the browser renders it, as it does in development.
 *
 * Each page gets its own style nonce (index.html's inline <style> and emotion's, via the
 * csp-nonce meta) and a CSP naming it.
 */
export function createSpaPage(
  app: FastifyInstance,
  indexHtml: string,
  { renderOnServer }: { renderOnServer: boolean },
) {
  const marker = '</body>';
  if (!indexHtml.includes(marker)) throw new Error('index.html has no </body>');
  if (!indexHtml.includes('</head>') || !ROOT.test(indexHtml)) {
    throw new Error('index.html has no </head> or no <div id="root">');
  }
  if (!indexHtml.includes(STYLE_NONCE_PLACEHOLDER)) {
    throw new Error(`index.html has no ${STYLE_NONCE_PLACEHOLDER}: its styles would be refused`);
  }
  // Loaded once, in the background: React and MUI are not needed until the first page.
  const renderer = renderOnServer
    ? import('../../client/ssr/render-page').catch((error: unknown) => {
        app.log.error({ err: error }, 'pages cannot be rendered on the server; browsers will');
        return undefined;
      })
    : undefined;

  async function answer(target: string, cookie: string | undefined) {
    const response = await app.inject({
      method: 'GET',
      url: target,
      headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) },
    });
    if (response.statusCode !== 200) return undefined;
    try {
      return response.json() as unknown;
    } catch {
      return undefined;
    }
  }

  async function answersFor(pathname: string, search: string, cookie: string | undefined) {
    const answers: Record<string, unknown> = {};
    const session = await answer(SESSION_TARGET, cookie);
    if (session === undefined) return answers;
    answers[SESSION_TARGET] = session;
    const signedIn = (session as { signedIn?: unknown }).signedIn === true;
    const targets = signedIn && search === '' ? firstScreenTargets(pathname) : [];
    const found = await Promise.all(targets.map((target) => answer(target, cookie)));
    targets.forEach((target, i) => {
      if (found[i] !== undefined) answers[target] = found[i];
    });
    return answers;
  }

  async function renderFor(
    request: FastifyRequest,
    answers: Record<string, unknown>,
    nonce: string,
  ) {
    if ((answers[SESSION_TARGET] as { signedIn?: unknown } | undefined)?.signedIn !== true) {
      return undefined;
    }
    const render = await renderer;
    if (!render) return undefined;
    try {
      return await render.renderPage({
        url: request.url,
        answers,
        nonce,
        settings: readerSettingsOf(request),
      });
    } catch (error) {
      request.log.error({ err: error }, 'rendering the page failed; the browser renders it');
      return undefined;
    }
  }

  return async function sendPage(request: FastifyRequest, reply: FastifyReply, pathname: string) {
    // As the browser's location.search reads it: '' also for a bare '?'.
    const search = request.url.split('?')[1] ?? '';
    const answers = await answersFor(pathname, search, request.headers.cookie);
    // Signed out, every page of the console is behind the sign-in page, which the server renders
    // without script: go there at once rather than loading the app to find that out.
    if ((answers[SESSION_TARGET] as { signedIn?: unknown } | undefined)?.signedIn === false) {
      return reply.header('cache-control', 'no-store').redirect(signInPath(request.url), 303);
    }
    const nonce = newStyleNonce(reply);
    const rendered = await renderFor(request, answers, nonce);
    const script = rendered
      ? `<script type="application/json" id="${RENDERED_PAGE_ID}">${jsonForScript(rendered.data)}</script>`
      : `<script type="application/json" id="${EMBEDDED_ANSWERS_ID}">${jsonForScript(answers)}</script>`;
    let page = withStyleNonce(reply, indexHtml, nonce);
    // Functions, not strings: `$'` or `$&` in an answer (a group's name) is not a pattern.
    if (rendered) {
      const hashes = styleAttributeHashes(rendered.html);
      reply.header('content-security-policy', contentSecurityPolicy(nonce, hashes));
      page = page
        // The HTML is the whole first screen and the app's code only makes it interactive: the
        // entry asks for that code, step by step, once the page is painted (main.tsx).
        .replace(MODULE_PRELOADS, '')
        .replace(/<title>[\s\S]*?<\/title>/, (own) => rendered.title || own)
        .replace('</head>', () => `${rendered.styles}</head>`)
        .replace(ROOT, () => `<div id="root" ${RENDERED_ATTRIBUTE}>${rendered.html}</div>`);
    }
    const html = Buffer.from(page.replace(marker, () => `${script}${marker}`));
    const accepted = String(request.headers['accept-encoding'] ?? '');
    reply
      .type('text/html; charset=utf-8')
      // What one admin's page holds is theirs alone, and always current.
      .header('cache-control', 'private, no-cache')
      .header('vary', 'cookie, accept-encoding');
    if (/\bbr\b/.test(accepted)) {
      const body = await brotli(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
      return reply.header('content-encoding', 'br').send(body);
    }
    if (/\bgzip\b/.test(accepted)) {
      return reply.header('content-encoding', 'gzip').send(await gzipAsync(html));
    }
    return reply.send(html);
  };
}
