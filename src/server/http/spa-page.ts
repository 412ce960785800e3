import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EMBEDDED_ANSWERS_ID } from '../../shared/api/endpoint';
import { FIRST_SCREEN_TARGETS, SESSION_TARGET } from '../../shared/api/first-screen';

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

/**
 * Serves a page of the console: index.html with the API answers its first screen needs. The
 * answers come from the API itself, asked in-process with the visitor's own cookie, so they are
 * exactly what the client would get (never more: no secret is in any API answer) and only what
 * this visitor may see. Signed out, only the session check's answer is there.
 */
export function createSpaPage(app: FastifyInstance, indexHtml: string) {
  const marker = '</body>';
  if (!indexHtml.includes(marker)) throw new Error('index.html has no </body>');

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

  async function answersFor(pathname: string, cookie: string | undefined) {
    const answers: Record<string, unknown> = {};
    const session = await answer(SESSION_TARGET, cookie);
    if (session === undefined) return answers;
    answers[SESSION_TARGET] = session;
    const signedIn = (session as { signedIn?: unknown }).signedIn === true;
    const targets = signedIn ? (FIRST_SCREEN_TARGETS[pathname] ?? []) : [];
    const found = await Promise.all(targets.map((target) => answer(target, cookie)));
    targets.forEach((target, i) => {
      if (found[i] !== undefined) answers[target] = found[i];
    });
    return answers;
  }

  return async function sendPage(request: FastifyRequest, reply: FastifyReply, pathname: string) {
    const answers = await answersFor(pathname, request.headers.cookie);
    const script = `<script type="application/json" id="${EMBEDDED_ANSWERS_ID}">${jsonForScript(answers)}</script>`;
    const html = Buffer.from(indexHtml.replace(marker, `${script}${marker}`));
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
