/** Sends one generated request over real HTTP, filling in sessions, keys and resource ids. */

import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { payloadBytes } from './payload';
import type { FuzzRequest } from './request';
import type { FuzzServer } from './server';

export interface Answer {
  /** The path and query as sent, references resolved. */
  url: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Ids the server handed out, so generated requests reach real users and groups. */
export class IdPool {
  readonly user: string[] = [];
  readonly group: string[] = [];

  add(kind: 'user' | 'group', id: string) {
    const list = this[kind];
    list.push(id);
    if (list.length > 60) list.shift();
  }

  remove(id: string) {
    for (const list of [this.user, this.group]) {
      const at = list.indexOf(id);
      if (at >= 0) list.splice(at, 1);
    }
  }

  resolve(text: string): string {
    return text.replace(/@(user|group):(\d+)@/g, (_m, kind: 'user' | 'group', n: string) => {
      const list = this[kind];
      return list.length > 0 ? (list[Number(n) % list.length] as string) : randomUUID();
    });
  }
}

function authHeaders(request: FuzzRequest, server: FuzzServer): Record<string, string> {
  const { cookie, csrf } = server.session;
  if ('api' in request.auth) {
    switch (request.auth.api) {
      case 'session':
        return { cookie, 'x-csrf-token': csrf, 'sec-fetch-site': 'same-origin' };
      case 'session-no-csrf':
        return { cookie };
      case 'session-wrong-csrf':
        return { cookie, 'x-csrf-token': `${csrf.slice(1)}x` };
      case 'none':
        return {};
      case 'garbage-cookie':
        return { cookie: 'osc_admin=%zz; osc_admin=; x=y', 'x-csrf-token': csrf };
      case 'cross-site':
        return {
          cookie,
          'x-csrf-token': csrf,
          'sec-fetch-site': 'cross-site',
          origin: 'https://evil.example',
        };
      case 'origin-null':
        return { cookie, 'x-csrf-token': csrf, origin: 'null' };
    }
  }
  const key = server.key;
  switch (request.auth.scim) {
    case 'bearer':
      return { authorization: `Bearer ${key}` };
    case 'bare-key':
      return { authorization: key };
    case 'lowercase-bearer':
      return { authorization: `bearer  ${key}` };
    case 'wrong-key':
      return { authorization: `Bearer ${key.slice(0, -4)}AAAA` };
    case 'none':
      return {};
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`admin:${key}`).toString('base64')}` };
    case 'empty-bearer':
      return { authorization: 'Bearer ' };
    case 'key-with-junk':
      return { authorization: `Bearer ${key} ${key}` };
  }
}

export function send(
  server: FuzzServer,
  ids: IdPool,
  request: FuzzRequest,
  agent: http.Agent,
): Promise<Answer> {
  const body = payloadBytes(request.payload, (text) => ids.resolve(text));
  const url = new URL(server.origin);
  const path = ids.resolve(request.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method: request.method,
        path,
        headers: {
          ...request.headers,
          ...authHeaders(request, server),
          ...(body ? { 'content-length': String(body.length) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            url: path,
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
