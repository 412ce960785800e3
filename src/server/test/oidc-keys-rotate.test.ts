/**
 * `npm run keys:rotate` while the console runs: the JWKS gains the new key and keeps the old one,
 * new ID tokens are signed with the new key, the old ones still verify. The keys are stored sealed.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, migrateToLatest, openDatabase } from '../db/database';
import { licensedPerson, type OpFixture, signInToApp, startOp } from './oidc-app';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const SECRET_KEY = randomBytes(32).toString('hex');
let dir: string;
let db: Db;
let f: OpFixture;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osc-keys-rotate-'));
  db = openDatabase(dir);
  await migrateToLatest(db);
  f = await startOp({ secretKey: SECRET_KEY, db, config: { oidcKeyCheckMs: 200 } });
});
afterAll(async () => {
  await f.close();
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function jwks() {
  const response = await f.c.harness.app.inject({ method: 'GET', url: '/oidc/jwks' });
  expect(response.statusCode).toBe(200);
  return response.json() as { keys: Array<{ kid: string; d?: string; p?: string }> };
}

describe('npm run keys:rotate', () => {
  it('publishes a new key, keeps the old one, and signs new tokens with the new one', async () => {
    await licensedPerson(f, 'ada@acme.com', 'Pro', 'pro');
    const before = await signInToApp(f, 'ada@acme.com', await f.client());
    const oldToken = String(before.tokens.id_token);
    const oldKid = decodeProtectedHeader(oldToken).kid;
    expect((await jwks()).keys.map((k) => k.kid)).toEqual([oldKid]);

    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/keys-rotate.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir, SECRET_KEY },
    });
    const newKid = /New signing key (\S+);/.exec(stdout)?.[1];
    expect(newKid, stdout).toBeDefined();
    expect(newKid).not.toBe(oldKid);

    await new Promise((resolve) => setTimeout(resolve, 300));
    const published = await jwks();
    expect(published.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    // Public parts only.
    expect(published.keys.some((k) => k.d || k.p)).toBe(false);

    const after = await signInToApp(f, 'ada@acme.com', await f.client());
    const newToken = String(after.tokens.id_token);
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid);
    const keySet = createLocalJWKSet(published as Parameters<typeof createLocalJWKSet>[0]);
    for (const token of [oldToken, newToken]) {
      await expect(
        jwtVerify(token, keySet, { issuer: 'http://localhost:3000' }),
      ).resolves.toBeDefined();
    }
  });

  it('stores the private keys sealed, never as JWK text', async () => {
    const rows = await db.selectFrom('oidc_keys').select(['use', 'private_sealed']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row.private_sealed).toMatch(/^v1\./);
      expect(row.private_sealed).not.toMatch(/"d"|"kty"/);
    }
  });
});
