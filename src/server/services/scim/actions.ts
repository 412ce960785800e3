import { isPlainObject } from './values';

/** What one SCIM request stands for in Okta's words, for the console ("Deactivate user"). */
export function oktaAction(
  method: string,
  path: string,
  query: Record<string, string | undefined>,
  body: unknown,
): string {
  const match = /^\/scim\/v2\/([^/]+)(?:\/([^/]+))?\/?$/i.exec(path);
  const kind = match?.[1]?.toLowerCase();
  const one = match?.[2] !== undefined;
  if (kind === 'serviceproviderconfig') return 'Read service provider configuration';
  if (kind === 'resourcetypes') return 'Read resource types';
  if (kind === 'schemas') return 'Read schemas';
  if (kind === 'users') {
    if (method === 'GET' && one) return 'Get user';
    if (method === 'GET' && query.filter) return 'Look up user';
    if (method === 'GET') {
      return query.startIndex === '1' && query.count === '2'
        ? 'Test the Integration'
        : 'Import users';
    }
    if (method === 'POST') return 'Create user';
    if (method === 'PUT') return 'Update user profile';
    if (method === 'DELETE') return 'Delete user';
    if (method === 'PATCH') {
      const active = activeIn(body);
      if (active === false) return 'Deactivate user';
      if (active === true) return 'Reactivate user';
      return 'Update user';
    }
  }
  if (kind === 'groups') {
    if (method === 'GET' && one) return 'Get group';
    if (method === 'GET' && query.filter) return 'Look up group';
    if (method === 'GET') return 'List groups';
    if (method === 'POST') return 'Push group';
    if (method === 'PUT') return 'Update group';
    if (method === 'DELETE') return 'Delete group';
    if (method === 'PATCH') return touchesMembers(body) ? 'Update group members' : 'Rename group';
  }
  return 'Other request';
}

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

function touchesMembers(body: unknown): boolean {
  return operations(body).some((op) => {
    const path = typeof op.path === 'string' ? op.path.toLowerCase() : '';
    return path.startsWith('members') || (isPlainObject(op.value) && 'members' in op.value);
  });
}
