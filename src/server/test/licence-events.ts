/**
 * Random events of Okta and admins for licence tests, applied through the real SCIM and admin
 * APIs: users pushed, deactivated and deleted; groups pushed, renamed and deleted; members added,
 * removed (by value or filter), replaced (PATCH and PUT) and cleared; mappings added (bound or
 * waiting), changed and removed; and seat-effect questions. Events name slots, not ids, so every
 * sequence is valid; what cannot apply (a slot still empty, a name taken) does nothing.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Console } from './licence-fixtures';

const USERS = 5;
const SLOTS = 3;
/** 'everyone' differs from 'Everyone' only by case: unique names clash, bindings do not. */
export const NAMES = ['Everyone', 'Leads', 'Staff', 'everyone'];
const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];

const user = fc.nat(USERS - 1);
const slot = fc.nat(SLOTS - 1);
const name = fc.nat(NAMES.length - 1);
const users = fc.uniqueArray(user, { maxLength: 4 });
const capability = fc.constantFrom('basic' as const, 'pro' as const);
export const licenceEvent = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('map' as const), n: name, capability }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('addMembers' as const), j: slot, members: users }),
  },
  fc.record({ t: fc.constant('pushUser' as const), i: user }),
  fc.record({ t: fc.constant('deleteUser' as const), i: user }),
  fc.record({ t: fc.constant('setActive' as const), i: user, active: fc.boolean() }),
  fc.record({ t: fc.constant('pushGroup' as const), j: slot, n: name, members: users }),
  fc.record({
    t: fc.constant('removeMembers' as const),
    j: slot,
    members: users,
    filter: fc.boolean(),
  }),
  fc.record({
    t: fc.constant('replaceMembers' as const),
    j: slot,
    members: users,
    put: fc.boolean(),
  }),
  fc.record({ t: fc.constant('clearMembers' as const), j: slot }),
  fc.record({ t: fc.constant('renameGroup' as const), j: slot, n: name }),
  fc.record({ t: fc.constant('deleteGroup' as const), j: slot }),
  fc.record({ t: fc.constant('setCapability' as const), k: fc.nat(), capability }),
  fc.record({ t: fc.constant('unmap' as const), k: fc.nat() }),
  fc.record({
    t: fc.constant('seatEffect' as const),
    k: fc.nat(),
    n: fc.option(name),
    capability: fc.constantFrom('basic' as const, 'pro' as const, 'none' as const),
  }),
);
export type Event = typeof licenceEvent extends fc.Arbitrary<infer E> ? E : never;

export interface World {
  c: Console;
  users: (string | undefined)[];
  groups: ({ id: string; name: string } | undefined)[];
}

const nameFree = (w: World, wanted: string, except?: string) =>
  !w.groups.some((g) => g && g.id !== except && g.name.toLowerCase() === wanted.toLowerCase());
const memberIds = (w: World, picked: number[]) =>
  picked.flatMap((i) => w.users[i] ?? []).map((value) => ({ value }));

export async function mappingIds(w: World) {
  const rows = await w.c.harness.db.selectFrom('directory_group_mappings').select('id').execute();
  return rows.map((r) => r.id);
}

async function admin(w: World, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const response = await w.c.admin.inject({ method, url, ...(payload ? { payload } : {}) });
  return response.statusCode;
}

/** Applies one event through the SCIM or admin API; events that cannot apply now do nothing. */
export async function applyEvent(w: World, e: Event): Promise<void> {
  const { c } = w;
  const g = 'j' in e ? w.groups[e.j] : undefined;
  const patchGroup = (Operations: unknown[]) =>
    g && c.scim('PATCH', `/Groups/${g.id}`, { schemas: PATCH_OP, Operations });
  switch (e.t) {
    case 'pushUser':
      if (!w.users[e.i]) w.users[e.i] = await c.pushUser(`user${e.i}@acme.com`);
      return;
    case 'deleteUser': {
      const id = w.users[e.i];
      if (id) await c.scim('DELETE', `/Users/${id}`);
      w.users[e.i] = undefined;
      return;
    }
    case 'setActive': {
      const id = w.users[e.i];
      if (id) await c.setActive(id, e.active);
      return;
    }
    case 'pushGroup': {
      const wanted = NAMES[e.n] ?? '';
      if (g || !nameFree(w, wanted)) return;
      const id = await c.pushGroup(
        wanted,
        memberIds(w, e.members).map((m) => m.value),
      );
      w.groups[e.j] = { id, name: wanted };
      return;
    }
    case 'addMembers':
      if (e.members.length > 0)
        await patchGroup([{ op: 'add', path: 'members', value: memberIds(w, e.members) }]);
      return;
    case 'removeMembers': {
      const [first] = memberIds(w, e.members);
      if (e.filter && first) {
        await patchGroup([{ op: 'remove', path: `members[value eq "${first.value}"]` }]);
      } else if (!e.filter) {
        await patchGroup([{ op: 'remove', path: 'members', value: memberIds(w, e.members) }]);
      }
      return;
    }
    case 'replaceMembers':
      if (g && e.put) {
        await c.scim('PUT', `/Groups/${g.id}`, {
          displayName: g.name,
          members: memberIds(w, e.members),
        });
      } else {
        await patchGroup([{ op: 'replace', path: 'members', value: memberIds(w, e.members) }]);
      }
      return;
    case 'clearMembers':
      await patchGroup([{ op: 'remove', path: 'members' }]);
      return;
    case 'renameGroup': {
      const wanted = NAMES[e.n] ?? '';
      if (!g || !nameFree(w, wanted, g.id)) return;
      await c.renameGroup(g.id, wanted);
      g.name = wanted;
      return;
    }
    case 'deleteGroup':
      if (g) await c.deleteGroup(g.id);
      w.groups[e.j] = undefined;
      return;
    case 'map': {
      const body = { groupName: NAMES[e.n], capability: e.capability, addAnyway: true };
      expect([201, 409]).toContain(await admin(w, 'POST', '/api/directory-groups', body));
      return;
    }
    case 'setCapability':
    case 'unmap': {
      const ids = await mappingIds(w);
      const id = ids[e.k % Math.max(ids.length, 1)];
      if (id === undefined) return;
      const url = `/api/directory-groups/${id}`;
      if (e.t === 'unmap') expect(await admin(w, 'DELETE', url)).toBe(204);
      else expect(await admin(w, 'PATCH', url, { capability: e.capability })).toBe(200);
      return;
    }
    case 'seatEffect':
      return; // a question, not an event: the test asks it
  }
}
