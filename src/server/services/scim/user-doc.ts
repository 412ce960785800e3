import {
  type AttributeDef,
  enterpriseUserAttributes,
  findAttribute,
  userDocAttributes,
} from '../../../shared/scim/attributes';
import { SCHEMA } from '../../../shared/scim/constants';
import { type ActivityNote, addNotApplied, quoted, withoutPasswords } from './activity-note';
import { invalidSyntax, invalidValue } from './errors';
import { coerceValue, type Doc, isPlainObject, isUnsafeKey } from './values';

const IGNORED = new Set(['schemas', 'id', 'meta', 'groups']);
const enterpriseDef: AttributeDef = {
  ...(findAttribute(userDocAttributes, 'name') as AttributeDef),
  name: SCHEMA.enterpriseUser,
  subAttributes: enterpriseUserAttributes,
};

/** Where a URN-qualified key belongs: the core schema, the enterprise extension, or neither. */
export function splitUrn(key: string): { uri: string; attr?: string } {
  const lower = key.toLowerCase();
  for (const uri of [SCHEMA.user, SCHEMA.enterpriseUser]) {
    if (lower === uri.toLowerCase()) return { uri };
    if (lower.startsWith(`${uri.toLowerCase()}:`)) return { uri, attr: key.slice(uri.length + 1) };
  }
  return { uri: key };
}

function put(doc: Doc, key: string, value: unknown, def: AttributeDef): void {
  // writeOnly (password) and readOnly attributes are never stored.
  if (def.mutability === 'readOnly' || def.mutability === 'writeOnly') return;
  const coerced = coerceValue(def, value, def.name);
  if (coerced === undefined) delete doc[key];
  else doc[key] = coerced;
}

function putEnterprise(doc: Doc, attrs: Doc): void {
  const current = isPlainObject(doc[SCHEMA.enterpriseUser]) ? doc[SCHEMA.enterpriseUser] : {};
  const merged = coerceValue(enterpriseDef, { ...(current as Doc), ...attrs }, 'enterprise');
  if (merged === undefined) delete doc[SCHEMA.enterpriseUser];
  else doc[SCHEMA.enterpriseUser] = merged;
}

/** Tells the request log which parts of a body were dropped, in words for the admin. */
function noteIgnored(note: ActivityNote | undefined, key: string, value: unknown) {
  if (!note) return;
  const lower = key.toLowerCase();
  if (lower === 'groups') {
    if (Array.isArray(value) && value.length > 0) {
      addNotApplied(
        note,
        'The groups in the user were ignored: Okta pushes memberships with each group.',
      );
    }
    return;
  }
  if (IGNORED.has(lower)) return;
  const def = findAttribute(userDocAttributes, key);
  if (!def) {
    addNotApplied(note, `The unknown attribute ${quoted(key)} was ignored.`);
  } else if (def.mutability === 'readOnly') {
    addNotApplied(note, `The read-only attribute ${quoted(def.name)} was ignored.`);
  } else if (def.type === 'complex' && !def.multiValued && isPlainObject(value)) {
    for (const sub of Object.keys(value)) {
      if (!findAttribute(def.subAttributes ?? [], sub)) {
        addNotApplied(note, `The unknown attribute ${quoted(`${def.name}.${sub}`)} was ignored.`);
      }
    }
  }
}

/**
 * The stored document of a user from a POST or PUT body: known attributes are checked and put in
 * canonical case; the password, read-only and unknown attributes are dropped (and told to `note`);
 * attributes of other extension schemas (urn:...) are kept as sent, without any password.
 */
export function buildUserDoc(body: unknown, note?: ActivityNote): Doc {
  if (!isPlainObject(body)) throw invalidSyntax('Send the user as a JSON object.');
  const doc: Doc = {};
  const visit = (source: Doc) => {
    for (const [key, value] of Object.entries(source)) {
      if (isUnsafeKey(key)) continue;
      if (IGNORED.has(key.toLowerCase())) {
        noteIgnored(note, key, value);
        continue;
      }
      if (/^urn:/i.test(key)) {
        const { uri, attr } = splitUrn(key);
        if (uri === SCHEMA.user && !attr && isPlainObject(value)) visit(value);
        else if (uri === SCHEMA.user && attr) visit({ [attr]: value });
        else if (uri === SCHEMA.enterpriseUser && !attr) {
          if (!isPlainObject(value)) throw invalidValue(`"${uri}" must be an object.`);
          putEnterprise(doc, value);
        } else if (uri === SCHEMA.enterpriseUser && attr) putEnterprise(doc, { [attr]: value });
        else if (isPlainObject(value)) doc[key] = withoutPasswords(value);
        continue;
      }
      const def = findAttribute(userDocAttributes, key);
      noteIgnored(note, key, value);
      if (def) put(doc, def.name, value, def);
    }
  };
  visit(body);
  checkUser(doc);
  return doc;
}

export function checkUser(doc: Doc): void {
  const userName = doc.userName;
  if (typeof userName !== 'string' || userName.trim() === '') {
    throw invalidValue('"userName" is required.');
  }
  if (userName.length > 512) throw invalidValue('"userName" is longer than 512 characters.');
}

export interface UserIndex {
  user_name: string;
  user_name_key: string;
  external_id: string | null;
  display_name_key: string | null;
  given_name_key: string | null;
  family_name_key: string | null;
  active: number;
  emails: { value_key: string | null; type_key: string | null; is_primary: number }[];
}

const key = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : null);

/** The indexed columns of a user, copied from its document. */
export function userIndex(doc: Doc): UserIndex {
  const name = isPlainObject(doc.name) ? doc.name : {};
  const emails = Array.isArray(doc.emails) ? (doc.emails as Doc[]) : [];
  return {
    user_name: doc.userName as string,
    user_name_key: (doc.userName as string).toLowerCase(),
    external_id: typeof doc.externalId === 'string' ? doc.externalId : null,
    display_name_key: key(doc.displayName),
    given_name_key: key(name.givenName),
    family_name_key: key(name.familyName),
    active: doc.active === false ? 0 : 1,
    emails: emails.map((e) => ({
      value_key: key(e.value),
      type_key: key(e.type),
      is_primary: e.primary === true ? 1 : 0,
    })),
  };
}

/** `schemas` of a stored document: the core schema and each extension it carries. */
export function schemasOf(core: string, doc: Doc): string[] {
  return [core, ...Object.keys(doc).filter((k) => /^urn:/i.test(k))];
}
