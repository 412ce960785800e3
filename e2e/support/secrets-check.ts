/**
 * Issue 13's acceptance line, checked after the e2e run against the real built server: no secret
 * a spec saw (and no private part of the provider's keys) appears in the server's log lines or
 * in the audit_log and events tables. Messages name the kind and the place, never the secret.
 */
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { databaseFile } from '../../src/server/db/database';
import { loadSecretKey, SecretBox } from '../../src/server/services/crypto';
import { masked, readSeenSecrets, type SeenSecret } from './seen-secrets';

interface Place {
  where: string;
  text: string;
}

/** The private parts of the provider's keys, unsealed with DATA_DIR/secret.key as the server does. */
function providerKeySecrets(db: Database.Database, dataDir: string): SeenSecret[] {
  const box = new SecretBox(loadSecretKey(undefined, dataDir));
  const rows = db.prepare('select kid, use, private_sealed from oidc_keys').all() as {
    kid: string;
    use: string;
    private_sealed: string;
  }[];
  const found: SeenSecret[] = [];
  for (const row of rows) {
    const plain = box.open(row.private_sealed);
    if (row.use === 'sig') {
      const jwk = JSON.parse(plain) as Record<string, string>;
      for (const part of ['d', 'p', 'q', 'dp', 'dq', 'qi']) {
        if (jwk[part])
          found.push({ kind: `signing key ${row.kid} private part ${part}`, value: jwk[part] });
      }
    } else {
      found.push({ kind: `${row.use} key ${row.kid}`, value: plain });
    }
  }
  return found;
}

function tableRows(db: Database.Database, table: string): Place[] {
  const exists = db
    .prepare("select 1 from sqlite_master where type = 'table' and name = ?")
    .get(table);
  if (!exists) return [];
  return (db.prepare(`select * from ${table}`).all() as Record<string, unknown>[]).map(
    (row, i) => ({
      where: `${table} row ${String(row.id ?? i + 1)}`,
      text: JSON.stringify(row),
    }),
  );
}

export function checkSecretsNotLeaked(options: {
  seenFile: string;
  logFile: string;
  dataDir: string;
}): string {
  const seen = readSeenSecrets(options.seenFile);
  if (seen.length === 0) {
    throw new Error(
      `Secrets check: no spec remembered any secret in ${options.seenFile}, so the grep over the log and the audit table would pass vacuously.`,
    );
  }
  const logLines = existsSync(options.logFile)
    ? readFileSync(options.logFile, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];
  const db = new Database(databaseFile(options.dataDir), { readonly: true, fileMustExist: true });
  let keys: SeenSecret[];
  let audit: Place[];
  let events: Place[];
  try {
    keys = providerKeySecrets(db, options.dataDir);
    audit = tableRows(db, 'audit_log');
    events = tableRows(db, 'events');
  } finally {
    db.close();
  }
  const places: Place[] = [
    ...logLines.map((text, i) => ({ where: `server log line ${i + 1}`, text })),
    ...audit,
    ...events,
  ];
  const all = [...seen, ...keys];
  const leaks: string[] = [];
  for (const secret of all) {
    // Very short values would match by chance; every secret here is far longer.
    if (secret.value.length < 8) continue;
    for (const place of places) {
      if (place.text.includes(secret.value)) {
        leaks.push(`${secret.kind} ${masked(secret.value)} appears in ${place.where}`);
      }
    }
  }
  if (leaks.length > 0) {
    throw new Error(
      `Secrets check: ${leaks.length} leak(s) after the e2e run:\n  ${leaks.slice(0, 30).join('\n  ')}`,
    );
  }
  const kinds = new Map<string, number>();
  for (const secret of seen) kinds.set(secret.kind, (kinds.get(secret.kind) ?? 0) + 1);
  const byKind = [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ');
  return `Secrets check: ${seen.length} remembered secrets (${byKind}) and ${keys.length} provider key parts checked against ${logLines.length} server log lines, ${audit.length} audit_log rows and ${events.length} events rows: none found.`;
}
