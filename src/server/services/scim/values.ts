import { type AttributeDef, findAttribute } from '../../../shared/scim/attributes';
import { invalidValue } from './errors';

export type Doc = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function single(def: AttributeDef, value: unknown, where: string): unknown {
  if (value === null || value === undefined) return undefined;
  switch (def.type) {
    case 'complex': {
      if (!isPlainObject(value)) {
        throw invalidValue(`"${where}" must be an object, not ${kindOf(value)}.`);
      }
      const out: Doc = {};
      for (const [key, inner] of Object.entries(value)) {
        const sub = findAttribute(def.subAttributes ?? [], key);
        // Unknown sub-attributes are dropped, as RFC 7644 §3.3 lets a provider ignore them.
        if (!sub) continue;
        const coerced = coerceValue(sub, inner, `${where}.${sub.name}`);
        if (coerced !== undefined) out[sub.name] = coerced;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      // Some clients send "True"/"False" as strings.
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
        return value.toLowerCase() === 'true';
      }
      throw invalidValue(`"${where}" must be true or false, not ${kindOf(value)}.`);
    case 'integer':
      if (Number.isInteger(value)) return value;
      throw invalidValue(`"${where}" must be an integer.`);
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw invalidValue(`"${where}" must be a number.`);
    case 'dateTime':
      if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return value;
      throw invalidValue(`"${where}" must be a date and time (ISO 8601).`);
    default:
      if (typeof value === 'string') return value;
      throw invalidValue(`"${where}" must be a string, not ${kindOf(value)}.`);
  }
}

/**
 * Checks one attribute's value against its definition and returns it in canonical form (sub-
 * attribute names in their defined case), or undefined when it is empty or null (unassigned).
 */
export function coerceValue(def: AttributeDef, value: unknown, where = def.name): unknown {
  if (value === null || value === undefined) return undefined;
  if (!def.multiValued) return single(def, value, where);
  const list = Array.isArray(value) ? value : [value];
  const out = list
    .map((item, index) => single(def, item, `${where}[${index}]`))
    .filter((item) => item !== undefined);
  return out.length > 0 ? out : undefined;
}

/** Keys that must never be assigned from input, whatever object they land in. */
export function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}
