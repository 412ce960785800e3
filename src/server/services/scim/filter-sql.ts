import { type RawBuilder, type SqlBool, sql } from 'kysely';
import {
  type AttrPath,
  type CompareOp,
  type CompareValue,
  type Filter,
  FilterSyntaxError,
  parseFilter,
} from '../../../shared/scim/filter';
import type { DialectName } from '../../db/dialect';
import { invalidFilter } from './errors';

/**
 * Compiles a parsed SCIM filter to a parameterised SQL condition. Column names come only from the
 * specs below; every value the client sent is a bound parameter.
 */
export interface ColumnSpec {
  kind: 'column';
  column: string;
  type: 'string' | 'boolean' | 'dateTime';
  /** false: the column holds the lower-cased value, and the filter value is lower-cased too. */
  caseExact: boolean;
}
export interface ComplexSpec {
  kind: 'complex';
  subs: Record<string, ColumnSpec>;
}
export interface MultiSpec {
  kind: 'multi';
  subs: Record<string, ColumnSpec>;
  /** Wraps a condition on one value's row into a condition on the resource. */
  exists: (inner: RawBuilder<SqlBool>) => RawBuilder<SqlBool>;
}
export interface FilterSpec {
  /** The core schema URN, accepted as a prefix of attribute paths. */
  uri: string;
  /** Keys in lower case. */
  attrs: Record<string, ColumnSpec | ComplexSpec | MultiSpec>;
}

export const column = (
  name: string,
  type: ColumnSpec['type'] = 'string',
  caseExact = false,
): ColumnSpec => ({ kind: 'column', column: name, type, caseExact });

type Cond = RawBuilder<SqlBool>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const escapeGlob = (s: string) => s.replace(/[*?[]/g, (c) => `[${c}]`);
/** The greatest code point: `x >= p and x < p || MAX` is "x starts with p", and uses the index. */
const MAX_CHAR = '\u{10FFFF}';

function shown(path: AttrPath): string {
  return `${path.name}${path.sub ? `.${path.sub}` : ''}`;
}

/**
 * "Contains" and "ends with" for a case-exact column: SQLite's GLOB (its LIKE ignores ASCII case);
 * PostgreSQL's LIKE, which is case-sensitive. Case-insensitive columns hold lower-cased values and
 * are compared with a lower-cased value, so LIKE answers alike on both.
 */
function caseExactLike(
  ref: RawBuilder<unknown>,
  pattern: 'co' | 'ew',
  v: string,
  dialect: DialectName,
): Cond {
  if (dialect === 'postgres') {
    const p = pattern === 'co' ? `%${escapeLike(v)}%` : `%${escapeLike(v)}`;
    return sql<SqlBool>`${ref} like ${p} escape '\\'`;
  }
  const p = pattern === 'co' ? `*${escapeGlob(v)}*` : `*${escapeGlob(v)}`;
  return sql<SqlBool>`${ref} glob ${p}`;
}

function compare(
  spec: ColumnSpec,
  op: CompareOp,
  value: CompareValue,
  path: AttrPath,
  dialect: DialectName,
): Cond {
  const ref = sql.ref(spec.column);
  if (value === null) {
    if (op === 'eq') return sql<SqlBool>`${ref} is null`;
    if (op === 'ne') return sql<SqlBool>`${ref} is not null`;
    throw invalidFilter(`"${op}" cannot compare with null.`);
  }
  if (spec.type === 'boolean') {
    const v =
      typeof value === 'boolean'
        ? value
        : typeof value === 'string' && /^(true|false)$/i.test(value)
          ? value.toLowerCase() === 'true'
          : undefined;
    if (v === undefined) throw invalidFilter(`"${shown(path)}" compares with true or false.`);
    if (op === 'eq') return sql<SqlBool>`${ref} = ${v ? 1 : 0}`;
    if (op === 'ne') return sql<SqlBool>`${ref} <> ${v ? 1 : 0}`;
    throw invalidFilter(`"${shown(path)}" is true or false: use eq, ne or pr.`);
  }
  if (typeof value === 'boolean') {
    throw invalidFilter(`"${shown(path)}" compares with a "quoted string", not ${value}.`);
  }
  let v = String(value);
  if (spec.type === 'dateTime') {
    const time = Date.parse(v);
    if (Number.isNaN(time)) throw invalidFilter(`"${v.slice(0, 50)}" is not a date and time.`);
    if (['co', 'sw', 'ew'].includes(op)) {
      throw invalidFilter(`"${shown(path)}" is a date: use eq, ne, gt, ge, lt, le or pr.`);
    }
    v = new Date(time).toISOString();
  } else if (!spec.caseExact) v = v.toLowerCase();
  switch (op) {
    case 'eq':
      return sql<SqlBool>`${ref} = ${v}`;
    case 'ne':
      return sql<SqlBool>`(${ref} is null or ${ref} <> ${v})`;
    case 'sw':
      return sql<SqlBool>`(${ref} >= ${v} and ${ref} < ${v + MAX_CHAR})`;
    case 'co':
      return spec.caseExact
        ? caseExactLike(ref, 'co', v, dialect)
        : sql<SqlBool>`${ref} like ${`%${escapeLike(v)}%`} escape '\\'`;
    case 'ew':
      return spec.caseExact
        ? caseExactLike(ref, 'ew', v, dialect)
        : sql<SqlBool>`${ref} like ${`%${escapeLike(v)}`} escape '\\'`;
    case 'gt':
      return sql<SqlBool>`${ref} > ${v}`;
    case 'ge':
      return sql<SqlBool>`${ref} >= ${v}`;
    case 'lt':
      return sql<SqlBool>`${ref} < ${v}`;
    default:
      return sql<SqlBool>`${ref} <= ${v}`;
  }
}

function present(spec: ColumnSpec): Cond {
  const ref = sql.ref(spec.column);
  return spec.type === 'string'
    ? sql<SqlBool>`(${ref} is not null and ${ref} <> '')`
    : sql<SqlBool>`${ref} is not null`;
}

function lookup(spec: FilterSpec, path: AttrPath) {
  if (path.uri && path.uri.toLowerCase() !== spec.uri.toLowerCase()) {
    throw invalidFilter(`Filtering on attributes of "${path.uri}" is not supported.`);
  }
  const attr = spec.attrs[path.name.toLowerCase()];
  if (!attr) {
    const names = Object.keys(spec.attrs).join(', ');
    throw invalidFilter(`Filtering on "${shown(path)}" is not supported (supported: ${names}).`);
  }
  return attr;
}

function leaf(
  filter: Extract<Filter, { type: 'compare' | 'present' }>,
  spec: FilterSpec,
  dialect: DialectName,
): Cond {
  const attr = lookup(spec, filter.path);
  const sub = filter.path.sub?.toLowerCase();
  let target: ColumnSpec | undefined;
  if (attr.kind === 'column') {
    if (sub) throw invalidFilter(`"${filter.path.name}" has no sub-attribute "${sub}".`);
    target = attr;
  } else if (attr.kind === 'complex') {
    target = sub ? attr.subs[sub] : undefined;
  } else {
    // multi-valued: `emails pr` is "has any"; `emails eq "x"` means emails.value.
    if (!sub && filter.type === 'present') return attr.exists(sql<SqlBool>`1 = 1`);
    target = attr.subs[sub ?? 'value'];
  }
  if (!target) throw invalidFilter(`Filtering on "${shown(filter.path)}" is not supported.`);
  const cond =
    filter.type === 'present'
      ? present(target)
      : compare(target, filter.op, filter.value, filter.path, dialect);
  return attr.kind === 'multi' ? attr.exists(cond) : cond;
}

export function compileFilter(
  filter: Filter,
  spec: FilterSpec,
  dialect: DialectName = 'sqlite',
): Cond {
  switch (filter.type) {
    case 'and':
    case 'or': {
      const parts = filter.filters.map((f) => compileFilter(f, spec, dialect));
      return sql<SqlBool>`(${sql.join(parts, filter.type === 'and' ? sql` and ` : sql` or `)})`;
    }
    case 'not':
      // coalesce: a comparison with a missing value is false, so its negation is true.
      return sql<SqlBool>`not coalesce(${compileFilter(filter.filter, spec, dialect)}, ${dialect === 'postgres' ? sql`false` : sql`0`})`;
    case 'valuePath': {
      const attr = lookup(spec, filter.path);
      if (attr.kind !== 'multi' || filter.path.sub) {
        throw invalidFilter(`"${shown(filter.path)}" is not multi-valued: it takes no [filter].`);
      }
      const inner = { uri: spec.uri, attrs: attr.subs };
      if (containsValuePath(filter.filter)) throw invalidFilter('Value filters cannot nest.');
      return attr.exists(compileFilter(filter.filter, inner, dialect));
    }
    default:
      return leaf(filter, spec, dialect);
  }
}

function containsValuePath(filter: Filter): boolean {
  if (filter.type === 'valuePath') return true;
  if (filter.type === 'and' || filter.type === 'or') return filter.filters.some(containsValuePath);
  if (filter.type === 'not') return containsValuePath(filter.filter);
  return false;
}

/** Parses and compiles a `filter` parameter; syntax errors become 400 invalidFilter. */
export function filterToSql(text: string, spec: FilterSpec, dialect: DialectName = 'sqlite'): Cond {
  try {
    return compileFilter(parseFilter(text), spec, dialect);
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw invalidFilter(error.message);
    throw error;
  }
}
