/**
 * `npm run bench:licences`: licences at scale. A file-backed database gets 100,000 users and
 * 10,000 groups (an "Everyone" group of all users, and each user in 3 other random groups), then
 * the admin API is timed in-process (app.inject): the users list and its filters, licence totals,
 * the directory-group table, the seat-effect preview and changes of the 100k-member mapping.
 * Round A maps 201 groups (Everyone to Basic, 100 to Pro, 100 to Basic); round B maps all 10,000.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { migrateToLatest, openDatabase } from '../src/server/db/database';
import { AdminSessions } from '../src/server/services/sessions';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 10_000);
const GROUPS_PER_USER = 3;
const RUNS = 7;

function seed(file: string) {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  const now = new Date().toISOString();
  const given = ['Ada', 'Bob', 'Carol', 'Dan', 'Eve', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy'];
  const family = ['Lovelace', 'Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Hopper', 'Klum'];
  const user = db.prepare(`insert into scim_users (seq, id, user_name, user_name_key, external_id,
    display_name_key, given_name_key, family_name_key, active, doc, created_at, last_modified)
    values (?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?)`);
  const email = db.prepare(
    `insert into scim_user_emails (user_seq, value_key, type_key, is_primary) values (?, ?, 'work', 1)`,
  );
  const group = db.prepare(`insert into scim_groups (seq, id, display_name, display_name_key,
    external_id, doc, created_at, last_modified) values (?, ?, ?, ?, null, '{}', ?, ?)`);
  const member = db.prepare(
    'insert or ignore into scim_group_members (group_seq, user_seq) values (?, ?)',
  );
  db.transaction(() => {
    for (let g = 1; g <= GROUPS; g++) {
      const name = g === 1 ? 'Everyone' : `Team ${String(g).padStart(5, '0')}`;
      group.run(g, randomUUID(), name, name.toLowerCase(), now, now);
    }
    for (let u = 1; u <= USERS; u++) {
      const first = given[u % given.length] as string;
      const last = family[u % family.length] as string;
      const userName = `${first}.${last}.${u}@acme.com`.toLowerCase();
      const display = `${first} ${last} ${u}`;
      const doc = {
        userName,
        name: { givenName: first, familyName: last },
        displayName: display,
        emails: [{ value: userName, type: 'work', primary: true }],
        active: u % 20 !== 0,
      };
      user.run(
        u,
        randomUUID(),
        userName,
        userName,
        display.toLowerCase(),
        first.toLowerCase(),
        last.toLowerCase(),
        u % 20 !== 0 ? 1 : 0,
        JSON.stringify(doc),
        now,
        now,
      );
      email.run(u, userName);
      member.run(1, u);
      for (let k = 0; k < GROUPS_PER_USER; k++)
        member.run(2 + Math.floor(Math.random() * (GROUPS - 1)), u);
    }
  })();
  db.close();
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-licences-'));
  const config = {
    ...loadConfig({ LOG_LEVEL: 'warn', SECRET_KEY: randomBytes(32).toString('hex') }),
    dataDir: dir,
  };
  const db = openDatabase(dir);
  await migrateToLatest(db);
  const started = performance.now();
  seed(path.join(dir, 'okta-sso-console.sqlite'));
  console.log(
    `seeded ${USERS} users, ${GROUPS} groups in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  await db
    .insertInto('admins')
    .values({
      email: 'bench@example.test',
      password_hash: 'x',
      created_at: new Date().toISOString(),
    })
    .execute();
  const app = await buildApp(config, db);
  const { token, csrfToken } = await new AdminSessions(db, 3600_000).create(1);
  const headers = { cookie: `osc_admin=${token}`, 'x-csrf-token': csrfToken };

  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
    const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300)
      throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const report = (label: string, samples: number[], note?: number) =>
    console.log(
      `  ${label.padEnd(44)} median ${median(samples).toFixed(1).padStart(7)} ms  max ${Math.max(
        ...samples,
      )
        .toFixed(1)
        .padStart(7)} ms${note === undefined ? '' : `  (total ${note})`}`,
    );
  const time = async (label: string, url: string) => {
    const samples: number[] = [];
    let body: unknown;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      body = await call('GET', url);
      samples.push(performance.now() - t);
    }
    report(label, samples, (body as { total?: number }).total);
  };

  const rounds: Array<[string, () => Promise<void>]> = [
    [
      'A: 201 mapped groups (Everyone Basic, 100 Pro, 100 Basic)',
      async () => {
        await call('POST', '/api/directory-groups', { groupName: 'Everyone', capability: 'basic' });
        for (let g = 2; g <= 201; g++) {
          const name = `Team ${String(g).padStart(5, '0')}`;
          await call('POST', '/api/directory-groups', {
            groupName: name,
            capability: g % 2 === 0 ? 'pro' : 'basic',
          });
        }
      },
    ],
    [
      `B: all ${GROUPS} groups mapped`,
      async () => {
        const rows = await db
          .selectFrom('scim_groups')
          .select(['id', 'display_name', 'seq'])
          .where('seq', '>', 201)
          .execute();
        const now = new Date().toISOString();
        for (let i = 0; i < rows.length; i += 500) {
          await db
            .insertInto('directory_group_mappings')
            .values(
              rows.slice(i, i + 500).map((r) => ({
                name: r.display_name,
                capability: r.seq % 2 === 0 ? ('pro' as const) : ('basic' as const),
                scim_group_id: r.id,
                bound_name: r.display_name,
                bound_at: now,
                created_at: now,
                created_by: 'bench',
                updated_at: now,
              })),
            )
            .execute();
        }
      },
    ],
  ];

  for (const [title, setup] of rounds) {
    await setup();
    console.log(`\n${title}`);
    await time('users: first page (50)', '/api/users?pageSize=50');
    await time('users: page 1,000 (50 per page)', '/api/users?pageSize=50&page=1000');
    await time('users: sort by name desc', '/api/users?pageSize=50&sort=name&order=desc');
    await time('users: licence=pro', '/api/users?pageSize=50&licence=pro');
    await time(
      'users: licence=basic, active',
      '/api/users?pageSize=50&licence=basic&status=active',
    );
    await time('users: licence=none', '/api/users?pageSize=50&licence=none');
    await time('users: status=deactivated', '/api/users?pageSize=50&status=deactivated');
    await time('users: search "grace"', '/api/users?pageSize=50&q=grace');
    await time('users: search "ada.lovelace.1"', '/api/users?pageSize=50&q=ada.lovelace.1');
    await time('licence totals', '/api/users/totals');
    await time('groups: first page by name', '/api/directory-groups?pageSize=25');
    await time(
      'groups: sort by members desc',
      '/api/directory-groups?pageSize=25&sort=members&order=desc',
    );
    await time(
      'groups: filter name "team 001"',
      '/api/directory-groups?pageSize=25&name=team%20001',
    );
    await time('groups: suggestions "team 0"', '/api/directory-groups/suggestions?prefix=team%200');
    await time(
      'seat effect: Everyone Basic→Pro (100k)',
      '/api/directory-groups/seat-effect?mappingId=1&capability=pro',
    );
    await time(
      'seat effect: new mapping, ~30 members',
      '/api/directory-groups/seat-effect?groupName=Team%2009999&capability=pro',
    );
    // Writes: the mapping of Everyone (100k members) raised to Pro and lowered back to Basic.
    const up: number[] = [];
    const down: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const [capability, samples] of [
        ['pro', up],
        ['basic', down],
      ] as const) {
        const t = performance.now();
        await call('PATCH', '/api/directory-groups/1', { capability });
        samples.push(performance.now() - t);
      }
    }
    report('mapping: Everyone Basic→Pro (100k)', up);
    report('mapping: Everyone Pro→Basic (100k)', down);
    console.log(`  totals: ${JSON.stringify(await call('GET', '/api/users/totals'))}`);
  }
  await app.close();
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
