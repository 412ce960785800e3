import { type AttributeDef, findAttribute } from '../../../shared/scim/attributes';
import type { CompareValue, Filter } from '../../../shared/scim/filter';
import { invalidFilter } from './errors';
import type { Doc } from './values';

function subOf(subs: AttributeDef[], name: string, sub?: string): AttributeDef {
  const def = sub ? undefined : findAttribute(subs, name);
  if (!def) throw invalidFilter(`"${sub ? `${name}.${sub}` : name}" is not a sub-attribute here.`);
  return def;
}

function compare(def: AttributeDef, actual: unknown, op: string, expected: CompareValue): boolean {
  if (expected === null) return op === 'eq' ? actual === undefined : actual !== undefined;
  if (actual === undefined || actual === null) return op === 'ne';
  if (def.type === 'boolean') {
    const want = typeof expected === 'string' ? expected.toLowerCase() === 'true' : expected;
    if (op === 'eq') return actual === want;
    if (op === 'ne') return actual !== want;
    throw invalidFilter(`"${op}" does not apply to true/false attributes.`);
  }
  if (typeof actual !== 'string' || typeof expected === 'boolean') return op === 'ne';
  const fold = (s: string) => (def.caseExact ? s : s.toLowerCase());
  const a = fold(actual);
  const b = fold(String(expected));
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    default:
      return a <= b;
  }
}

/** Whether one value of a multi-valued attribute matches a PATCH value filter. */
export function matchesElement(filter: Filter, element: Doc, subs: AttributeDef[]): boolean {
  switch (filter.type) {
    case 'and':
      return filter.filters.every((f) => matchesElement(f, element, subs));
    case 'or':
      return filter.filters.some((f) => matchesElement(f, element, subs));
    case 'not':
      return !matchesElement(filter.filter, element, subs);
    case 'present': {
      const def = subOf(subs, filter.path.name, filter.path.sub);
      const v = element[def.name];
      return v !== undefined && v !== null && v !== '';
    }
    case 'compare': {
      const def = subOf(subs, filter.path.name, filter.path.sub);
      return compare(def, element[def.name], filter.op, filter.value);
    }
    default:
      throw invalidFilter('Value filters cannot nest.');
  }
}

/** `type eq "work" and primary eq true` → {type: "work", primary: true}: what a new value gets. */
export function equalities(filter: Filter, subs: AttributeDef[]): Doc | undefined {
  if (filter.type === 'compare' && filter.op === 'eq' && filter.value !== null) {
    const def = subOf(subs, filter.path.name, filter.path.sub);
    return { [def.name]: filter.value };
  }
  if (filter.type === 'and') {
    const parts = filter.filters.map((f) => equalities(f, subs));
    if (parts.some((p) => p === undefined)) return undefined;
    return Object.assign({}, ...parts);
  }
  return undefined;
}
