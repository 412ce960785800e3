import { type Kysely, sql } from 'kysely';

/**
 * The PostgreSQL form of a SQLite table statement of migrations 002–004: the SQLite text stays
 * as it was (installs migrated by it are unaffected), and PostgreSQL runs this translation.
 *
 * - `integer primary key [autoincrement]` (a rowid alias) → `serial primary key`;
 * - `collate nocase` → `collate "C"`: the `*_key` columns hold values the code lower-cased, so
 *   uniqueness and equality are case-insensitive on both; "C" orders them by code point, as
 *   SQLite's binary collation does, and lets `>= p and < p || max` use the index;
 * - `without rowid` has no PostgreSQL meaning; `real` becomes `double precision`.
 *
 * Triggers are not translated: each has a PL/pgSQL function written beside it.
 */
export function toPostgres(statement: string): string {
  return statement
    .replace(/integer primary key( autoincrement)?/g, 'serial primary key')
    .replace(/ collate nocase/g, ' collate "C"')
    .replace(/\)\s*without rowid/g, ')')
    .replace(/ real not null/g, ' double precision not null');
}

export const isTrigger = (statement: string) => /^\s*create trigger/i.test(statement);

/** Runs SQLite-form statements on PostgreSQL: tables translated, SQLite triggers left out. */
export async function runTranslated(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const statement of statements) {
    if (!isTrigger(statement)) await sql.raw(toPostgres(statement)).execute(db);
  }
}

/** SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), the format every stored timestamp has. */
export const PG_NOW = `to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A row trigger calling a PL/pgSQL function of the same name. An after trigger returns null; a
 * before-delete trigger must return `old`, or the delete would be skipped.
 */
export function plpgsql(
  name: string,
  body: string,
  on: string,
  options: { returns?: string; when?: string } = {},
): string[] {
  return [
    `create function ${name}() returns trigger language plpgsql as $$
begin
${body}
  return ${options.returns ?? 'null'};
end $$`,
    `create trigger ${name} ${on} for each row${options.when ? ` when (${options.when})` : ''}
    execute function ${name}()`,
  ];
}
