/**
 * The real server for the fuzzer: built in-process as index.ts builds it, listening on
 * 127.0.0.1 with a temporary DATA_DIR, one admin, one SCIM access key, incoming keys saved for
 * an Okta stand-in (so end-user sign-in is set up), and its log captured.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app';
import { type Config, loadConfig } from '../../server/config';
import { type Db, migrateToLatest, openDatabase } from '../../server/db/database';
import { AccessKeysService } from '../../server/services/access-keys';
import { ensureFirstAdmin } from '../../server/services/admins';
import { sha256 } from '../../server/services/crypto';
import { AdminSessions } from '../../server/services/sessions';
import { type OktaStandIn, startOktaStandIn } from '../okta-stand-in';
import { captureStream } from '../server-harness';

export const FUZZ_ADMIN = { email: 'fuzz@example.test', password: 'fuzz-admin-password-4711' };

export interface FuzzServer {
  origin: string;
  dataDir: string;
  app: FastifyInstance;
  db: Db;
  config: Config;
  session: { cookie: string; csrf: string };
  key: string;
  okta: OktaStandIn;
  /** A new admin session (after the fuzzer signed the old one out). */
  renewSession(): Promise<void>;
  /** A new access key when the fuzzer revoked the current one through the API. */
  renewKeyIfRevoked(): Promise<void>;
  logText(): string;
  close(): Promise<void>;
}

/** oidc-provider warns on stderr that it runs with development keys: true, and noise here. */
async function quietly<T>(start: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return await start();
  } finally {
    console.warn = warn;
  }
}

export async function startFuzzServer(): Promise<FuzzServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-fuzz-'));
  const config: Config = {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'info', ALLOW_HTTP_LOOPBACK_ISSUER: '1' }),
    // Every admin API answer is checked against the contract: one outside it is a 500.
    validateResponses: true,
    // Saves with generated issuers must not wait for the network.
    discoveryTimeoutMs: 300,
    // Every request comes from 127.0.0.1: keep wrong keys from locking out the right one.
    scimAuthMaxFailuresPerMinute: 1_000_000,
  };
  const db = openDatabase(dataDir);
  await migrateToLatest(db);
  await ensureFirstAdmin(db, FUZZ_ADMIN.email, FUZZ_ADMIN.password);
  const log = captureStream();
  const app = await buildApp(config, db, { logStream: log.stream });
  const okta = await quietly(() => startOktaStandIn());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const admin = await db.selectFrom('admins').select('id').executeTakeFirstOrThrow();
  const sessions = new AdminSessions(db, config.sessionTtlMs);
  const keys = new AccessKeysService(db);
  const server: FuzzServer = {
    origin,
    dataDir,
    app,
    db,
    config,
    session: { cookie: '', csrf: '' },
    key: '',
    okta,
    async renewSession() {
      const created = await sessions.create(admin.id);
      server.session = { cookie: `osc_admin=${created.token}`, csrf: created.csrfToken };
    },
    async renewKeyIfRevoked() {
      const row = await db
        .selectFrom('scim_access_keys')
        .select('id')
        .where('key_hash', '=', sha256(server.key))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (row) return;
      await db
        .updateTable('scim_access_keys')
        .set({ revoked_at: new Date().toISOString() })
        .where('revoked_at', 'is', null)
        .execute();
      server.key = (await keys.create(FUZZ_ADMIN.email)).secret;
    },
    logText: log.text,
    async close() {
      await app.close();
      await okta.close();
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await server.renewSession();
  server.key = (await keys.create(FUZZ_ADMIN.email)).secret;
  const saved = await fetch(`${origin}/api/incoming-keys`, {
    method: 'PUT',
    headers: {
      cookie: server.session.cookie,
      'x-csrf-token': server.session.csrf,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      clientId: okta.clientId,
      clientSecret: okta.clientSecret,
      issuerUri: okta.issuer,
    }),
  });
  if (saved.status !== 200) throw new Error(`saving incoming keys answered ${saved.status}`);
  return server;
}
