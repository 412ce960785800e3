/** What tests ask of the database's catalogue, on SQLite or PostgreSQL alike. */
import { sql } from 'kysely';
import type { Db } from '../server/db/database';
import { isPostgres } from '../server/db/dialect';

/** Every table (sqlite_master, or the current schema's base tables), kysely's own included. */
export async function tableNames(db: Db): Promise<string[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'
        order by table_name`.execute(db)
    : await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  return rows.map((r) => r.name);
}

export async function columnNames(db: Db, table: string): Promise<string[]> {
  const { rows } = isPostgres(db)
    ? await sql<{ name: string }>`select column_name as name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table}
        order by ordinal_position`.execute(db)
    : await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  return rows.map((r) => r.name);
}

/** From now on every insert into `table` fails with `message`, as a full disk or a lock would. */
export async function breakInserts(db: Db, table: string, message: string): Promise<void> {
  const name = `${table}_fails`;
  if (isPostgres(db)) {
    await sql
      .raw(`create function ${name}() returns trigger language plpgsql as $$
        begin raise exception '${message}'; end $$`)
      .execute(db);
    await sql
      .raw(`create trigger ${name} before insert on ${table}
        for each row execute function ${name}()`)
      .execute(db);
    return;
  }
  await sql
    .raw(`create trigger ${name} before insert on ${table}
      begin select raise(abort, '${message}'); end`)
    .execute(db);
}

export async function mendInserts(db: Db, table: string): Promise<void> {
  const name = `${table}_fails`;
  if (isPostgres(db)) await sql.raw(`drop function ${name}() cascade`).execute(db);
  else await sql.raw(`drop trigger ${name}`).execute(db);
}
