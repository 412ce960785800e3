import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { createSpaPage } from './spa-page';

const SERVER_PREFIXES = ['/api/', '/scim/', '/auth/', '/healthz'];

/**
 * Serves the built SPA: hashed assets with a year's cache, precompressed (brotli, gzip) files
 * when the browser accepts them, and index.html for every client route, with the API answers
 * its first screen needs (spa-page.ts).
 */
export async function serveSpa(
  app: FastifyInstance,
  root: string,
  options: { renderOnServer: boolean },
) {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'no built console found; run `npm run build`');
    return;
  }
  const indexHtml = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  const sendPage = createSpaPage(app, indexHtml, options);
  await app.register(fastifyStatic, {
    root,
    preCompressed: true,
    wildcard: true,
    index: false,
    cacheControl: false,
    setHeaders(res, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // "/" is the static root's directory: answered here, not by the static wildcard (which, asked
  // without Accept-Encoding, refused a directory with 403).
  app.get('/', (request, reply) => sendPage(request, reply, '/'));
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const isPage = request.method === 'GET' && !SERVER_PREFIXES.some((p) => url.startsWith(p));
    if (!isPage || path.extname(url) !== '') {
      return reply
        .code(404)
        .send({ code: 'not_found', message: `Nothing at ${request.method} ${url}.` });
    }
    return sendPage(request, reply, url);
  });
}
