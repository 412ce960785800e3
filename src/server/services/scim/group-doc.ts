import { SCHEMA } from '../../../shared/scim/constants';
import { type ActivityNote, addNotApplied, quoted } from './activity-note';
import { invalidSyntax, invalidValue } from './errors';
import { type Doc, isPlainObject, isUnsafeKey } from './values';

/** Attributes a group body may carry without effect: the server sets them. */
const KNOWN = new Set(['schemas', 'id', 'meta']);

export interface GroupInput {
  displayName: string;
  externalId: string | null;
  /** Attributes of extension schemas, kept as sent. */
  extensions: Doc;
  /** User ids; undefined when the body had no `members`. */
  members: string[] | undefined;
}

/** The user ids of a `members` value: a list of {value, type?: "User"} (or one such object). */
export function memberIds(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((member, index) => {
    if (!isPlainObject(member) || typeof member.value !== 'string' || member.value === '') {
      throw invalidValue(`members[${index}] needs a "value": the id of a user.`);
    }
    if (typeof member.type === 'string' && member.type.toLowerCase() !== 'user') {
      throw invalidValue(`members[${index}] is a ${member.type}: only users can be members.`);
    }
    return member.value;
  });
}

export function checkDisplayName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidValue('"displayName" is required: a non-empty string.');
  }
  if (value.length > 512) throw invalidValue('"displayName" is longer than 512 characters.');
  return value;
}

export function checkExternalId(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalidValue('"externalId" must be a string.');
  return value;
}

/** Reads a POST or PUT body; unknown core attributes are dropped (told to `note`), extension objects kept. */
export function readGroupBody(body: unknown, note?: ActivityNote): GroupInput {
  if (!isPlainObject(body)) throw invalidSyntax('Send the group as a JSON object.');
  const input: GroupInput = {
    displayName: '',
    externalId: null,
    extensions: {},
    members: undefined,
  };
  let displayName: unknown;
  for (const [key, value] of Object.entries(body)) {
    if (isUnsafeKey(key)) continue;
    const lower = key.toLowerCase();
    if (/^urn:/i.test(key)) {
      if (lower !== SCHEMA.group.toLowerCase() && isPlainObject(value))
        input.extensions[key] = value;
      continue;
    }
    if (lower === 'externalid') input.externalId = checkExternalId(value);
    else if (lower === 'displayname') displayName = value;
    else if (lower === 'members') input.members = memberIds(value);
    else if (note && !KNOWN.has(lower)) {
      addNotApplied(note, `The unknown attribute ${quoted(key)} was ignored.`);
    }
  }
  input.displayName = checkDisplayName(displayName);
  return input;
}
