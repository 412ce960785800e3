import type { AttributeChange } from '../../../shared/api/activity';
import { type Doc, isPlainObject } from './values';

/**
 * What a SCIM service did for one request, filled in as it goes and read by the request log:
 * the resource, each attribute before and after, and what was accepted without effect.
 */
export interface ActivityNote {
  resourceType?: 'User' | 'Group';
  resourceId?: string;
  resourceName?: string;
  changes: AttributeChange[];
  notApplied: string[];
  /** A stored user's `active` before and after the request. */
  active?: { before: boolean; after: boolean };
  /** Members a group request actually added and removed. */
  members?: { added: number; removed: number };
}

export function newNote(): ActivityNote {
  return { changes: [], notApplied: [] };
}

const MAX_VALUE = 500;
const MAX_CHANGES = 50;
const MAX_SENTENCES = 20;
/** Names listed for members added or removed; the rest are counted. */
export const MAX_NAMES = 20;

/** Drops every `password` key, at any depth: the attribute must never be stored. */
export function withoutPasswords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPasswords);
  if (!isPlainObject(value)) return value;
  const out: Doc = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key.toLowerCase() !== 'password') out[key] = withoutPasswords(inner);
  }
  return out;
}

/** JSON text of a value, cut at 500 characters; null for no value. */
export function encodeValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(withoutPasswords(value));
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

export function addChange(note: ActivityNote, attribute: string, before: unknown, after: unknown) {
  if (note.changes.length >= MAX_CHANGES) return;
  if (attribute.toLowerCase().includes('password')) return;
  note.changes.push({ attribute, before: encodeValue(before), after: encodeValue(after) });
}

export function addNotApplied(note: ActivityNote, sentence: string) {
  if (note.notApplied.length < MAX_SENTENCES && !note.notApplied.includes(sentence)) {
    note.notApplied.push(sentence);
  }
}

/** A name as it may appear in a sentence: short, without control characters. */
export function quoted(name: string): string {
  const clean = Array.from(name.slice(0, 100), (c) => (c < ' ' || c === '\u007f' ? ' ' : c)).join(
    '',
  );
  return `"${clean}${name.length > 100 ? '…' : ''}"`;
}

/**
 * A document as attribute paths: `name.givenName` for a complex attribute's parts,
 * `urn:...:User:department` for an extension's, the whole value for the rest (emails...).
 */
function flatten(doc: Doc): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(doc)) {
    if (isPlainObject(value)) {
      const join = /^urn:/i.test(key) ? ':' : '.';
      for (const [sub, inner] of Object.entries(value)) out.set(`${key}${join}${sub}`, inner);
    } else out.set(key, value);
  }
  return out;
}

/** Records each attribute that differs between two documents (null: none, as for a create). */
export function noteDocChanges(note: ActivityNote, before: Doc | null, after: Doc | null) {
  const a = flatten(before ?? {});
  const b = flatten(after ?? {});
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key);
    const y = b.get(key);
    if (JSON.stringify(x) !== JSON.stringify(y)) addChange(note, key, x, y);
  }
}

/** "a, b and 3 more" for a list of names cut at MAX_NAMES. */
export function nameList(names: string[], total: number): string[] {
  const shown = names.slice(0, MAX_NAMES);
  return total > shown.length ? [...shown, `and ${total - shown.length} more`] : shown;
}
