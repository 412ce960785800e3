import { Writable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openTestDatabase } from '../../../testing/test-database';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import type { Db } from '../../db/database';
import { AccessKeysService } from '../../services/access-keys';
import { ensureFirstAdmin } from '../../services/admins';

export const OKTA_HEADERS = { 'user-agent': 'Okta SCIM Client 1.0.0' };

export interface ScimHarness {
  app: FastifyInstance;
  db: Db;
  /** Every log line the server wrote. */
  logs: string[];
  key: string;
  keys: AccessKeysService;
  scim: (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
}

/**
 * SCIM requests to `app` as Okta sends them, with the access key `key`: a body (JSON, or a string
 * sent as it is) goes as application/scim+json.
 */
export function scimClient(app: FastifyInstance, key: string): ScimHarness['scim'] {
  return (method, path, body, headers = {}) =>
    app.inject({
      method,
      url: `/scim/v2${path}`,
      headers: {
        ...OKTA_HEADERS,
        authorization: `Bearer ${key}`,
        ...(body !== undefined ? { 'content-type': 'application/scim+json; charset=utf-8' } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { payload: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
}

/** An in-process server on an in-memory database with one access key, as app.ts builds it. */
export async function scimHarness(): Promise<ScimHarness> {
  const config = {
    ...loadConfig({
      PUBLIC_URL: 'https://console.example.com',
      SECRET_KEY: 'a'.repeat(64),
      LOG_LEVEL: 'info',
    }),
    validateResponses: true,
  };
  const owned = await openTestDatabase();
  const db = owned.db;
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  const app = await buildApp(config, db, { logStream });
  const keys = new AccessKeysService(db);
  const { secret: key } = await keys.create('admin@example.com');
  const scim = scimClient(app, key);
  return {
    app,
    db,
    logs,
    key,
    keys,
    scim,
    close: async () => {
      await app.close();
      await owned.close();
    },
  };
}

/** Signs in as the first admin; returns the cookie and CSRF headers for admin API requests. */
export async function signInAdmin(h: ScimHarness): Promise<Record<string, string>> {
  await ensureFirstAdmin(h.db, 'admin@example.com', 'correct horse battery staple');
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { 'content-type': 'application/json' },
    payload: { email: 'admin@example.com', password: 'correct horse battery staple' },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}

/** Okta's create-user body, password included, as its SCIM client sends it. */
export function oktaUser(userName: string, extra: Record<string, unknown> = {}) {
  const [given = 'Jane', family = 'Doe'] = userName.split('@')[0]?.split('.') ?? [];
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: given, familyName: family },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: `${given} ${family}`,
    locale: 'en-US',
    externalId: `00u${Math.random().toString(36).slice(2, 12)}`,
    groups: [],
    password: 'S3cr3t-Okta-Random-Password!',
    active: true,
    ...extra,
  };
}
