/**
 * The whole server in-process for integration tests: an in-memory database, every contract
 * response checked (validateResponses), a first admin, captured log lines and a signed-in client.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type BuildOptions, buildApp } from '../server/app';
import { type Config, loadConfig } from '../server/config';
import { type Db, migrateToLatest } from '../server/db/database';
import { adminCookieName } from '../server/http/admin-auth';
import { ensureFirstAdmin } from '../server/services/admins';
import { hashPassword } from '../server/services/passwords';
import { AdminSessions } from '../server/services/sessions';
import { type AdminSession, adminSession } from '../shared/api/session';
import { openTestDatabase, type TestDatabase } from './test-database';

export const TEST_ADMIN = { email: 'ada@example.test', password: 'correct horse battery staple' };
let defaultAdminHash: Promise<string> | undefined;

export interface HarnessOptions {
  /** Environment variables, read by loadConfig as the server would read them. */
  env?: Record<string, string>;
  /** Direct overrides after loadConfig (e.g. discoveryTimeoutMs below its env minimum). */
  config?: Partial<Config>;
  /** Share a database between two servers (e.g. a restart with another SECRET_KEY); kept open. */
  db?: Db;
  /** The first admin; `null` leaves the admins table empty. */
  admin?: { email?: string; password?: string } | null;
  /** Serve a built console from here, as the real server does. */
  staticDir?: string;
  /** Webhook host names resolve through this (a hosts-style map in tests). */
  webhookResolver?: BuildOptions['webhookResolver'];
  /** The background events loop; on unless false. */
  eventWorkers?: boolean;
  /** That loop in its own thread, as the server runs it (needs a database another connection reaches). */
  eventsThread?: boolean;
}

export interface SignedInClient {
  session: AdminSession;
  /** The session cookie's value, to look for where it must not appear. */
  cookieValue: string;
  /** `name=value`, as a browser sends it back. */
  cookieHeader: string;
  /** app.inject with the cookie and, unless `csrf: false`, the X-CSRF-Token header. */
  inject(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse>;
}

export interface Harness {
  app: FastifyInstance;
  db: Db;
  config: Config;
  /** Every log line written so far, raw. */
  logText(): string;
  /** Every log line written so far, parsed. */
  logLines(): Record<string, unknown>[];
  signIn(credentials?: { email: string; password: string }): Promise<SignedInClient>;
  /** A fresh session for the first admin without the password check (no scrypt, no rate limit). */
  session(): Promise<SignedInClient>;
  close(): Promise<void>;
}

export function captureStream(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export function cookieFrom(response: LightMyRequestResponse, name?: string) {
  const cookie = response.cookies.find((c) => (name ? c.name === name : true));
  if (!cookie) throw new Error(`no cookie in the answer (status ${response.statusCode})`);
  return cookie;
}

async function addFirstAdmin(db: Db, admin: HarnessOptions['admin']) {
  if (admin) {
    await ensureFirstAdmin(
      db,
      admin.email ?? TEST_ADMIN.email,
      admin.password ?? TEST_ADMIN.password,
    );
    return;
  }
  // scrypt takes a few hundred ms: hash the usual admin's password once per test file.
  defaultAdminHash ??= hashPassword(TEST_ADMIN.password);
  await db
    .insertInto('admins')
    .values({
      email: TEST_ADMIN.email,
      password_hash: await defaultAdminHash,
      created_at: new Date().toISOString(),
    })
    .execute();
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: 'info', ...options.env }),
    dataDir: ':memory:',
    validateResponses: true,
    ...options.config,
  };
  const owned: TestDatabase | undefined = options.db ? undefined : await openTestDatabase();
  const db = options.db ?? (owned as TestDatabase).db;
  await migrateToLatest(db);
  const hasAdmin = await db.selectFrom('admins').select('id').executeTakeFirst();
  if (!hasAdmin && options.admin !== null) await addFirstAdmin(db, options.admin);
  const log = captureStream();
  const app = await buildApp(config, db, {
    logStream: log.stream,
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
    ...(options.webhookResolver ? { webhookResolver: options.webhookResolver } : {}),
    ...(options.eventWorkers === false ? { eventWorkers: false } : {}),
    ...(options.eventsThread ? { eventsThread: true } : {}),
  });
  await app.ready();

  const cookieName = adminCookieName(config);
  const clientFor = (session: AdminSession, cookieValue: string): SignedInClient => {
    const cookieHeader = `${cookieName}=${cookieValue}`;
    return {
      session,
      cookieValue,
      cookieHeader,
      inject({ csrf = true, headers, ...rest }) {
        return app.inject({
          ...rest,
          headers: {
            ...(csrf ? { 'x-csrf-token': session.csrfToken } : {}),
            cookie: cookieHeader,
            ...headers,
          },
        });
      },
    };
  };

  const signIn = async (credentials = TEST_ADMIN): Promise<SignedInClient> => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: credentials,
    });
    if (response.statusCode !== 200) {
      throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`);
    }
    const session = adminSession.parse(response.json());
    return clientFor(session, cookieFrom(response, cookieName).value);
  };

  const session = async (): Promise<SignedInClient> => {
    const admin = await db
      .selectFrom('admins')
      .select(['id', 'email'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const created = await new AdminSessions(db, config.sessionTtlMs).create(admin.id);
    return clientFor(
      { admin: { email: admin.email }, csrfToken: created.csrfToken, mustChangePassword: false },
      created.token,
    );
  };

  return {
    app,
    db,
    config,
    logText: log.text,
    logLines: () =>
      log
        .text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    signIn,
    session,
    close: async () => {
      await app.close();
      await owned?.close().catch(() => undefined);
    },
  };
}
