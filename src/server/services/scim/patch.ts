import {
  type AttributeDef,
  enterpriseUserAttributes,
  findAttribute,
  userDocAttributes,
} from '../../../shared/scim/attributes';
import { SCHEMA } from '../../../shared/scim/constants';
import { FilterSyntaxError, type PatchPath, parsePatchPath } from '../../../shared/scim/filter';
import type { PatchOperation } from '../../../shared/scim/resources';
import { withoutPasswords } from './activity-note';
import { invalidFilter, invalidPath, invalidValue, mutability, noTarget } from './errors';
import { equalities, matchesElement } from './match';
import { splitUrn } from './user-doc';
import { coerceValue, type Doc, isPlainObject, isUnsafeKey } from './values';

type Op = PatchOperation['op'];

export function parsePathOrThrow(path: string): PatchPath {
  try {
    return parsePatchPath(path);
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      throw /\[/.test(path) ? invalidFilter(error.message) : invalidPath(error.message);
    }
    throw error;
  }
}

function resolve(doc: Doc, path: PatchPath, create: boolean) {
  const { uri, name } = path.attr;
  let container: Doc | undefined = doc;
  let defs = userDocAttributes;
  let extension: string | undefined;
  if (uri) {
    const split = splitUrn(`${uri}:${name}`);
    if (split.uri === SCHEMA.enterpriseUser) {
      extension = SCHEMA.enterpriseUser;
      defs = enterpriseUserAttributes;
      const current = doc[extension];
      container = isPlainObject(current) ? current : create ? {} : undefined;
    } else if (split.uri !== SCHEMA.user) {
      throw invalidPath(`"${uri}" is not a schema of this resource.`);
    }
  }
  const def = findAttribute(defs, name);
  if (!def) throw invalidPath(`"${name}" is not an attribute of User.`);
  if (def.mutability === 'readOnly') throw mutability(`"${def.name}" is read-only.`);
  return { container, def, extension };
}

function subDef(def: AttributeDef, sub: string): AttributeDef {
  const found = def.type === 'complex' ? findAttribute(def.subAttributes ?? [], sub) : undefined;
  if (!found) throw invalidPath(`"${def.name}.${sub}" is not an attribute of User.`);
  if (found.mutability === 'readOnly') throw mutability(`"${def.name}.${sub}" is read-only.`);
  return found;
}

function setOrDelete(target: Doc, key: string, value: unknown): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function applySingle(
  container: Doc,
  def: AttributeDef,
  op: Op,
  sub: string | undefined,
  value: unknown,
) {
  if (sub) {
    const inner = subDef(def, sub);
    const current: Doc = isPlainObject(container[def.name])
      ? { ...(container[def.name] as Doc) }
      : {};
    setOrDelete(
      current,
      inner.name,
      op === 'remove' ? undefined : coerceValue(inner, value, `${def.name}.${inner.name}`),
    );
    setOrDelete(container, def.name, Object.keys(current).length > 0 ? current : undefined);
  } else if (op === 'remove') {
    delete container[def.name];
  } else if (def.type === 'complex') {
    // RFC 7644 §3.5.2.3: sub-attributes not given are left as they were, for add and replace.
    const given = coerceValue(def, value, def.name) as Doc | undefined;
    const current = isPlainObject(container[def.name]) ? (container[def.name] as Doc) : {};
    setOrDelete(container, def.name, given ? { ...current, ...given } : undefined);
  } else {
    setOrDelete(container, def.name, coerceValue(def, value, def.name));
  }
}

function applyMulti(container: Doc, def: AttributeDef, op: Op, path: PatchPath, value: unknown) {
  const subs = def.subAttributes ?? [];
  let list: Doc[] = Array.isArray(container[def.name]) ? [...(container[def.name] as Doc[])] : [];
  const sub = path.sub ?? path.attr.sub;
  const matches = (el: Doc) => (path.filter ? matchesElement(path.filter, el, subs) : true);
  if (sub) {
    const inner = subDef(def, sub);
    const v = op === 'remove' ? undefined : coerceValue(inner, value, `${def.name}.${inner.name}`);
    let hit = false;
    list = list.map((el) => {
      if (!matches(el)) return el;
      hit = true;
      const next = { ...el };
      setOrDelete(next, inner.name, v);
      return next;
    });
    if (!hit && op !== 'remove' && v !== undefined) {
      const base = path.filter ? equalities(path.filter, subs) : {};
      if (!base) throw noTarget(`No value of "${def.name}" matches the filter.`);
      list.push({ ...(coerceValue({ ...def, multiValued: false }, base) as Doc), [inner.name]: v });
    }
    list = list.filter((el) => Object.keys(el).length > 0);
  } else if (path.filter) {
    if (op === 'remove') list = list.filter((el) => !matches(el));
    else {
      const given = coerceValue({ ...def, multiValued: false }, value, def.name) as Doc | undefined;
      if (!given) throw invalidValue(`Give "${def.name}" a value.`);
      if (!list.some(matches)) throw noTarget(`No value of "${def.name}" matches the filter.`);
      list = list.map((el) => (matches(el) ? { ...el, ...given } : el));
    }
  } else if (op === 'remove') {
    // A remove with values names the ones to take out; without, the whole attribute goes.
    const given = Array.isArray(value) ? value.filter(isPlainObject).map((v) => v.value) : [];
    list = given.length > 0 ? list.filter((el) => !given.includes(el.value)) : [];
  } else {
    const given = (coerceValue(def, value, def.name) as Doc[] | undefined) ?? [];
    if (op === 'replace') list = given;
    else {
      const seen = new Set(list.map((el) => JSON.stringify(el)));
      list.push(...given.filter((el) => !seen.has(JSON.stringify(el))));
    }
  }
  setOrDelete(container, def.name, list.length > 0 ? list : undefined);
}

function applyAt(doc: Doc, op: Op, path: PatchPath, value: unknown): void {
  const { container, def, extension } = resolve(doc, path, op !== 'remove');
  if (def.mutability === 'writeOnly') return; // the password: accepted, never stored
  if (!container) return; // removing from an extension the user does not have
  if (def.multiValued) applyMulti(container, def, op, path, value);
  else {
    if (path.filter) throw invalidPath(`"${def.name}" has one value; it takes no filter.`);
    if (path.sub) throw invalidPath(`"${def.name}" has one value; write ${def.name}.${path.sub}.`);
    applySingle(container, def, op, path.attr.sub, value);
  }
  if (extension)
    setOrDelete(doc, extension, Object.keys(container).length > 0 ? container : undefined);
}

function applyPathless(doc: Doc, op: Op, value: unknown, id: string): void {
  if (op === 'remove') throw noTarget('A "remove" operation needs a "path".');
  if (!isPlainObject(value)) {
    throw invalidValue(`An "${op}" without "path" takes an object of attributes as its value.`);
  }
  for (const [key, inner] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (lower === 'schemas' || lower === 'meta' || isUnsafeKey(key)) continue;
    if (lower === 'id') {
      if (inner !== id) throw mutability('"id" cannot be changed.');
      continue;
    }
    if (/^urn:/i.test(key)) {
      const { uri, attr } = splitUrn(key);
      if (uri === SCHEMA.user || uri === SCHEMA.enterpriseUser) {
        if (attr) applyAt(doc, op, parsePathOrThrow(key), inner);
        else if (isPlainObject(inner)) {
          for (const [name, v] of Object.entries(inner)) {
            if (!isUnsafeKey(name)) applyAt(doc, op, { attr: { uri, name } }, v);
          }
        } else throw invalidValue(`"${key}" takes an object.`);
      } else {
        // Another extension's attributes are kept as sent.
        const current = isPlainObject(doc[key]) ? (doc[key] as Doc) : {};
        doc[key] = withoutPasswords(isPlainObject(inner) ? { ...current, ...inner } : inner);
      }
      continue;
    }
    applyAt(doc, op, parsePathOrThrow(key), inner);
  }
}

/**
 * Applies PATCH operations, in order, to a copy of a user's document (RFC 7644 §3.5.2),
 * including Okta's path-less `{"op":"replace","value":{"active":false}}`.
 */
export function patchUserDoc(doc: Doc, operations: PatchOperation[], id: string): Doc {
  const next = structuredClone(doc);
  for (const { op, path, value } of operations) {
    if (path === undefined || path.trim() === '') applyPathless(next, op, value, id);
    else applyAt(next, op, parsePathOrThrow(path), value);
  }
  return next;
}
