/**
 * A configured console for the web benchmark, written into the running server's database (its
 * DATA_DIR, through a second SQLite connection: WAL allows it): incoming keys for
 * https://acme.okta.com, an access key used by a few real SCIM requests, `users` people in 100
 * groups plus Everyone, two mappings made through the API (so the server computes the licences
 * and drops its cached totals), an application, and sign-ins and refusals.
 *
 * The incoming keys are stored directly, as the screenshot does: Save checks discovery with the
 * issuer, which is not reachable from here (scripts/screenshot-keys.ts explains).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { databaseFile, openDatabase } from '../../src/server/db/database';
import { AccessKeysService } from '../../src/server/services/access-keys';
import { SignInEvents } from '../../src/server/services/end-user-auth-events';
import { createApplication } from '../../src/shared/api/applications';
import { createDirectoryGroup } from '../../src/shared/api/directory-groups';
import { AdminClient } from '../demo/admin-client';
import { storeProductionLikeKeys } from '../screenshot-keys';

const GROUPS = 100;

export function seedPeople(file: string, users: number): string {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 10000');
  const now = new Date().toISOString();
  const given = ['Ada', 'Bob', 'Carol', 'Dan', 'Eve', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy'];
  const family = ['Lovelace', 'Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Hopper', 'Klum'];
  const user = db.prepare(`insert into scim_users (id, user_name, user_name_key, external_id,
    display_name_key, given_name_key, family_name_key, active, doc, created_at, last_modified)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const email = db.prepare(
    `insert into scim_user_emails (user_seq, value_key, type_key, is_primary) values (?, ?, 'work', 1)`,
  );
  const group = db.prepare(`insert into scim_groups (id, display_name, display_name_key,
    external_id, doc, created_at, last_modified) values (?, ?, ?, null, '{}', ?, ?)`);
  const member = db.prepare('insert into scim_group_members (group_seq, user_seq) values (?, ?)');
  let firstId = '';
  db.transaction(() => {
    const groupSeqs: number[] = [];
    for (let g = 0; g <= GROUPS; g++) {
      const name = g === 0 ? 'Everyone' : g === 1 ? 'Engineering' : `Team ${g}`;
      groupSeqs.push(
        Number(group.run(randomUUID(), name, name.toLowerCase(), now, now).lastInsertRowid),
      );
    }
    for (let u = 1; u <= users; u++) {
      const first = given[u % given.length] as string;
      const last = family[u % family.length] as string;
      const userName = `${first}.${last}.${u}@acme.com`.toLowerCase();
      const display = `${first} ${last} ${u}`;
      const id = randomUUID();
      if (u === 1) firstId = id;
      const doc = {
        userName,
        name: { givenName: first, familyName: last },
        displayName: display,
        emails: [{ value: userName, type: 'work', primary: true }],
        locale: 'en-US',
        active: u % 20 !== 0,
      };
      const seq = Number(
        user.run(
          id,
          userName,
          userName,
          `00u${u}`,
          display.toLowerCase(),
          first.toLowerCase(),
          last.toLowerCase(),
          u % 20 !== 0 ? 1 : 0,
          JSON.stringify(doc),
          now,
          now,
        ).lastInsertRowid,
      );
      email.run(seq, userName);
      member.run(groupSeqs[0], seq);
      member.run(groupSeqs[1 + (u % GROUPS)], seq);
    }
  })();
  db.close();
  return firstId;
}

export interface SeededConsole {
  /** A person with a licence, groups and sign-ins: the person page measured. */
  personId: string;
}

export async function seedConfiguredConsole(
  baseUrl: string,
  dataDir: string,
  admin: { email: string; password: string },
  users: number,
): Promise<SeededConsole> {
  const db = openDatabase(dataDir);
  try {
    await storeProductionLikeKeys(db, dataDir, admin.email);
    const { secret } = await new AccessKeysService(db).create(admin.email);
    const personId = seedPeople(databaseFile(dataDir), users);
    // Real SCIM requests, so the activity log, the last request and sync health have entries.
    for (const filter of ['userName eq "ada.smith.1@acme.com"', 'userName eq "nobody@acme.com"']) {
      await fetch(`${baseUrl}/scim/v2/Users?filter=${encodeURIComponent(filter)}`, {
        headers: { authorization: `Bearer ${secret}`, 'user-agent': 'Okta SCIM Client 1.0.0' },
      });
    }
    const client = await AdminClient.signIn(baseUrl, admin.email, admin.password);
    await client.call(createDirectoryGroup, {
      body: { groupName: 'Engineering', capability: 'pro' },
    });
    await client.call(createDirectoryGroup, {
      body: { groupName: 'Everyone', capability: 'basic' },
    });
    await client.call(createApplication, {
      body: { name: 'Acme Reports', redirectUris: ['https://reports.acme.com/callback'] },
    });
    const events = new SignInEvents(db);
    const login = 'bob.smith.1@acme.com';
    await events.record({ login, outcome: 'signed_in', reason: null, userId: personId });
    await events.record({ login: 'nora@acme.com', outcome: 'refused', reason: 'not_provisioned' });
    return { personId };
  } finally {
    await db.destroy();
  }
}

export const benchDataDir = (tempDir: string) => path.join(tempDir, 'data');
