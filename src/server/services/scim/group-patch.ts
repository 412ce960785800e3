import type { PatchPath } from '../../../shared/scim/filter';
import type { PatchOperation } from '../../../shared/scim/resources';
import { invalidPath, invalidValue, mutability, noTarget } from './errors';
import { compileFilter } from './filter-sql';
import { checkDisplayName, checkExternalId, memberIds } from './group-doc';
import { groupFilterSpec, type Memberships, memberColumns } from './groups';
import { parsePathOrThrow } from './patch';
import { type Doc, isPlainObject, isUnsafeKey } from './values';

export interface GroupState {
  displayName: string;
  externalId: string | null;
  extensions: Doc;
}

interface Target {
  id: string;
  seq: number;
  members: Memberships;
}

type Op = PatchOperation['op'];

async function onMembers(target: Target, op: Op, path: PatchPath, value: unknown) {
  const { members, seq } = target;
  if (path.attr.sub || path.sub) {
    throw invalidPath(
      'Members are added, removed or replaced whole; their sub-attributes cannot change.',
    );
  }
  if (path.filter) {
    if (op !== 'remove') throw invalidPath('A filter on "members" only works with "remove".');
    const condition = compileFilter(
      path.filter,
      { uri: groupFilterSpec.uri, attrs: memberColumns },
      members.dialect,
    );
    await members.removeWhere(seq, condition);
    return;
  }
  if (op === 'add') await members.add(seq, memberIds(value));
  else if (op === 'replace') await members.replace(seq, memberIds(value));
  else if (value === undefined || value === null) await members.clear(seq);
  else await members.removeIds(seq, memberIds(value));
}

async function onAttribute(
  state: GroupState,
  target: Target,
  op: Op,
  path: PatchPath,
  value: unknown,
): Promise<void> {
  const { uri, name } = path.attr;
  if (uri && uri.toLowerCase() !== groupFilterSpec.uri.toLowerCase()) {
    throw invalidPath(`"${uri}" is not a schema of Group.`);
  }
  const lower = name.toLowerCase();
  if (lower === 'members') return onMembers(target, op, path, value);
  if (path.filter || path.attr.sub || path.sub) {
    throw invalidPath(`"${name}" has one value; it takes no filter or sub-attribute.`);
  }
  if (lower === 'displayname') {
    if (op === 'remove') throw invalidValue('"displayName" is required; it cannot be removed.');
    state.displayName = checkDisplayName(value);
  } else if (lower === 'externalid') {
    state.externalId = op === 'remove' ? null : checkExternalId(value);
  } else if (lower === 'id') {
    if (value !== target.id) throw mutability('"id" cannot be changed.');
  } else {
    throw invalidPath(`"${name}" is not an attribute of Group.`);
  }
}

/**
 * Applies PATCH operations to a group in order: names in `state`, memberships straight on the
 * rows. Okta sends a path-less replace of {id, displayName} with every membership change; it is a
 * no-op when nothing changed.
 */
export async function applyGroupPatch(
  state: GroupState,
  operations: PatchOperation[],
  target: Target,
): Promise<void> {
  for (const { op, path, value } of operations) {
    if (path !== undefined && path.trim() !== '') {
      await onAttribute(state, target, op, parsePathOrThrow(path), value);
      continue;
    }
    if (op === 'remove') throw noTarget('A "remove" operation needs a "path".');
    if (!isPlainObject(value)) {
      throw invalidValue(`An "${op}" without "path" takes an object of attributes as its value.`);
    }
    for (const [key, inner] of Object.entries(value)) {
      const lower = key.toLowerCase();
      if (lower === 'schemas' || lower === 'meta' || isUnsafeKey(key)) continue;
      if (/^urn:/i.test(key) && lower !== groupFilterSpec.uri.toLowerCase()) {
        const current = isPlainObject(state.extensions[key]) ? (state.extensions[key] as Doc) : {};
        state.extensions[key] = isPlainObject(inner) ? { ...current, ...inner } : inner;
        continue;
      }
      await onAttribute(state, target, op, parsePathOrThrow(key), inner);
    }
  }
}
