import {
  type ProvisioningAction,
  type ProvisioningOutcome,
  provisioningAction,
} from '../../../shared/api/activity';
import type { ActivityNote } from './activity-note';
import { isPlainObject } from './values';

function operations(body: unknown): Record<string, unknown>[] {
  if (!isPlainObject(body) || !Array.isArray(body.Operations)) return [];
  return body.Operations.filter(isPlainObject);
}

function activeIn(body: unknown): boolean | undefined {
  let active: boolean | undefined;
  for (const op of operations(body)) {
    const path = typeof op.path === 'string' ? op.path.toLowerCase() : '';
    if (path === 'active' && typeof op.value === 'boolean') active = op.value;
    if (!path && isPlainObject(op.value) && typeof op.value.active === 'boolean') {
      active = op.value.active;
    }
  }
  return active;
}

/** Everything the request log knows when it labels a request. */
export interface LabelInput {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  body: unknown;
  status: number;
  note: ActivityNote;
}

function membersTouched(body: unknown): { add: boolean; remove: boolean } {
  let add = false;
  let remove = false;
  for (const op of operations(body)) {
    const path = typeof op.path === 'string' ? op.path.trim().toLowerCase() : '';
    const kind = typeof op.op === 'string' ? op.op.toLowerCase() : '';
    const onMembers =
      path.startsWith('members') || (!path && isPlainObject(op.value) && 'members' in op.value);
    if (!onMembers) continue;
    if (kind === 'remove') remove = true;
    else add = true;
  }
  return { add, remove };
}

function userAction({ method, query, body, note }: LabelInput, one: boolean): ProvisioningAction {
  if (method === 'GET') {
    if (one) return 'get_user';
    // A filter is a lookup whatever the paging: Okta pages its lookups too (count=1, 2 or 100).
    if (query.filter) return 'lookup_user';
    const first = query.startIndex === '1' || query.startIndex === '';
    if (first && (query.count === '1' || query.count === '2')) return 'test_connection';
    return 'import';
  }
  if (method === 'POST' && !one) return 'create_user';
  if (method === 'DELETE' && one) return 'delete_user';
  if (!one || (method !== 'PUT' && method !== 'PATCH')) return 'other';
  const active = note.active;
  if (active && active.before !== active.after) {
    return active.after ? 'reactivate_user' : 'deactivate_user';
  }
  const asked =
    method === 'PATCH'
      ? activeIn(body)
      : isPlainObject(body) && typeof body.active === 'boolean'
        ? body.active
        : undefined;
  if (asked === false) return 'deactivate_user';
  // A reactivation sends `active: true` alone; with other changes it is a profile update.
  const others = note.changes.some((c) => c.attribute !== 'active');
  if (asked === true && method === 'PATCH' && !others) return 'reactivate_user';
  return 'update_user';
}

function groupAction({ method, query, body, note }: LabelInput, one: boolean): ProvisioningAction {
  if (method === 'GET') {
    if (one) return 'get_group';
    return query.filter ? 'lookup_group' : 'import';
  }
  if (method === 'POST' && !one) return 'push_group';
  if (method === 'DELETE' && one) return 'unlink_group';
  if (!one || (method !== 'PUT' && method !== 'PATCH')) return 'other';
  const members = note.members;
  if (members && (members.added > 0 || members.removed > 0)) {
    return members.removed > members.added ? 'remove_members' : 'add_members';
  }
  if (method === 'PATCH') {
    const touched = membersTouched(body);
    if (touched.add) return 'add_members';
    if (touched.remove) return 'remove_members';
  }
  return 'rename_group';
}

const CONFIGURATION = new Set(['serviceproviderconfig', 'resourcetypes', 'schemas']);

/**
 * The Okta action a SCIM request stands for, as the contract names it: the only classification
 * of a request. The Activity page, Sync health and the summary all show it, labelled by the client.
 */
export function provisioningActionOf(input: LabelInput): ProvisioningAction {
  const match = /^\/scim\/v2\/([^/]+)(?:\/([^/]+))?\/?$/i.exec(input.path);
  const kind = match?.[1]?.toLowerCase();
  const one = match?.[2] !== undefined;
  if (kind === 'users') return userAction(input, one);
  if (kind === 'groups') return groupAction(input, one);
  if (kind && CONFIGURATION.has(kind) && input.method === 'GET') return 'read_configuration';
  return 'other';
}

const KNOWN = new Set<string>(provisioningAction.options);

/**
 * A stored action as the contract knows it. Stored values are never renamed, but a row written by
 * a newer build (after a downgrade) or edited by hand must not make a page unreadable: 'other'.
 */
export function storedAction(kind: string): ProvisioningAction {
  return KNOWN.has(kind) ? (kind as ProvisioningAction) : 'other';
}

/** success, not_applied (2xx with something accepted without effect) or error (4xx, 5xx). */
export function outcomeOf(status: number, note: ActivityNote): ProvisioningOutcome {
  if (status >= 400) return 'error';
  return note.notApplied.length > 0 ? 'not_applied' : 'success';
}
