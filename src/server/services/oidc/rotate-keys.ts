import fs from 'node:fs';
import { databaseFile, migrateToLatest, openDatabase } from '../../db/database';
import { loadSecretKey, SecretBox } from '../crypto';
import { OidcKeys } from './keys';

export type RotateResult =
  | { ok: true; kid: string; retired: string[] }
  | { ok: false; message: string };

/**
 * `npm run keys:rotate`: a new current signing key in the database under `dataDir`, sealed with
 * the same key as the server's (SECRET_KEY or DATA_DIR/secret.key). A running server picks it
 * up within OIDC key check interval (10 s); the retired keys stay in the JWKS for 24 h.
 */
export async function rotateSigningKeys(
  dataDir: string,
  secretKey: string | undefined,
): Promise<RotateResult> {
  if (!fs.existsSync(databaseFile(dataDir))) {
    return {
      ok: false,
      message: `There is no console database in ${dataDir}. Start the console once first, or set DATA_DIR.`,
    };
  }
  const db = openDatabase(dataDir);
  try {
    await migrateToLatest(db);
    const keys = new OidcKeys(db, new SecretBox(loadSecretKey(secretKey, dataDir)));
    await keys.ensure();
    return { ok: true, ...(await keys.rotate()) };
  } finally {
    await db.destroy();
  }
}
