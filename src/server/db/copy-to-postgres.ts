import { sql } from 'kysely';
import { type Db, migrateToLatest } from './database';
import { isPostgres } from './dialect';

/**
 * Copies every table of a SQLite database into a PostgreSQL one migrated to the same version
 * (npm run migrate:sqlite-to-postgres). Tables go in dependency order (foreign keys first), in
 * one transaction, with the target's own triggers off (the copied counters and licence ranks are
 * already right; binding triggers must not re-run); identity sequences continue after the
 * copied ids. A target that already holds data is refused unless `force` (then it is emptied).
 */
export interface TableCount {
  table: string;
  source: number;
  target: number;
}

/** Rows every migrated database starts with (scim_counts, event_retention): not data, replaced by the copy. */
const SEEDED = new Set(['scim_counts', 'event_retention']);
const BATCH = 500;

export async function sqliteTables(source: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    order by name`.execute(source);
  const names = rows.map((r) => r.name);
  const dependsOn = new Map<string, string[]>();
  for (const name of names) {
    const fks = await sql<{
      table: string;
    }>`select "table" from pragma_foreign_key_list(${name})`.execute(source);
    dependsOn.set(
      name,
      fks.rows.map((f) => f.table).filter((t) => t !== name),
    );
  }
  const ordered: string[] = [];
  const visit = (name: string, path: string[] = []) => {
    if (ordered.includes(name) || path.includes(name)) return;
    for (const parent of dependsOn.get(name) ?? []) visit(parent, [...path, name]);
    ordered.push(name);
  };
  for (const name of names) visit(name);
  return ordered;
}

const count = async (db: Db, table: string) =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]
      ?.n ?? 0,
  );

export async function copySqliteToPostgres(
  source: Db,
  target: Db,
  options: { force?: boolean } = {},
): Promise<TableCount[]> {
  if (isPostgres(source) || !isPostgres(target)) {
    throw new Error('The source must be SQLite and the target PostgreSQL.');
  }
  await migrateToLatest(source);
  await migrateToLatest(target);
  const tables = await sqliteTables(source);
  const holding: string[] = [];
  for (const table of tables) {
    if (!SEEDED.has(table) && (await count(target, table)) > 0) holding.push(table);
  }
  if (holding.length > 0 && !options.force) {
    throw new Error(
      `The PostgreSQL database already holds data (${holding.join(', ')}): nothing was copied. Use --force to replace it.`,
    );
  }
  await target.transaction().execute(async (trx) => {
    const list = sql.join(tables.map((t) => sql.table(t)));
    await sql`truncate ${list} restart identity cascade`.execute(trx);
    for (const table of tables) {
      await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx);
    }
    for (const table of tables) await copyTable(source, trx, table);
    for (const table of tables) {
      await sql`alter table ${sql.table(table)} enable trigger user`.execute(trx);
    }
    await resetSequences(trx);
  });
  const counts: TableCount[] = [];
  for (const table of tables) {
    counts.push({ table, source: await count(source, table), target: await count(target, table) });
  }
  return counts;
}

async function copyTable(source: Db, target: Db, table: string): Promise<void> {
  for (let offset = 0; ; offset += BATCH) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}
      order by rowid limit ${BATCH} offset ${offset}`
      .execute(source)
      .catch(() =>
        // A table without rowid orders by its primary key, the first column.
        sql<Record<string, unknown>>`select * from ${sql.table(table)}
          order by 1 limit ${BATCH} offset ${offset}`.execute(source),
      );
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0] as object);
    const values = rows.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      values ${sql.join(values)}`.execute(target);
    if (rows.length < BATCH) return;
  }
}

/**
 * Every sequence a column owns continues after the largest value copied: serial ids, and the
 * events' positions (migration 012: `seq` keeps its sequence without a default).
 */
async function resetSequences(trx: Db): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select t.relname as table_name, a.attname as column_name
    from pg_depend d
    join pg_class s on s.oid = d.objid and s.relkind = 'S'
    join pg_class t on t.oid = d.refobjid
    join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
    where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
      and d.deptype in ('a', 'i') and t.relnamespace = current_schema()::regnamespace`.execute(trx);
  for (const { table_name: table, column_name: column } of rows) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}),
      coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}
