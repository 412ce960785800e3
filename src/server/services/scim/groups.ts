import { randomUUID } from 'node:crypto';
import { type RawBuilder, type Selectable, type SqlBool, sql, type Transaction } from 'kysely';
import { SCHEMA } from '../../../shared/scim/constants';
import type { PatchOperation } from '../../../shared/scim/resources';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { invalidValue, notFound, uniqueness } from './errors';
import { column, type FilterSpec, filterToSql } from './filter-sql';
import { checkDisplayName, type GroupInput, readGroupBody } from './group-doc';
import { applyGroupPatch, type GroupState } from './group-patch';
import type { Page } from './paging';
import type { Doc } from './values';

export const memberColumns = {
  value: column('mu.id', 'string', true),
  display: column('mu.user_name_key'),
};

export const groupFilterSpec: FilterSpec = {
  uri: SCHEMA.group,
  attrs: {
    id: column('g.id', 'string', true),
    externalid: column('g.external_id', 'string', true),
    displayname: column('g.display_name_key'),
    meta: {
      kind: 'complex',
      subs: {
        created: column('g.created_at', 'dateTime'),
        lastmodified: column('g.last_modified', 'dateTime'),
      },
    },
    members: {
      kind: 'multi',
      subs: memberColumns,
      exists: (inner) =>
        sql<SqlBool>`exists (select 1 from scim_group_members m join scim_users mu on mu.seq = m.user_seq where m.group_seq = g.seq and ${inner})`,
    },
  },
};

type GroupRow = Selectable<Database['scim_groups']>;
export type Tx = Transaction<Database>;
export type GroupResource = Doc & { schemas: string[]; id: string; meta: Doc };
export interface Member {
  value: string;
  display: string;
  type: 'User';
}

/** Variables per statement stay well under SQLite's limit. */
const CHUNK = 500;

export function chunks<T>(list: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export class ScimGroups {
  constructor(
    private readonly db: Db,
    private readonly baseUrl: string,
  ) {}

  private render(row: Omit<GroupRow, 'seq'>, members: Member[] | undefined): GroupResource {
    const doc = JSON.parse(row.doc) as Doc;
    return {
      schemas: [SCHEMA.group, ...Object.keys(doc)],
      id: row.id,
      ...(row.external_id !== null ? { externalId: row.external_id } : {}),
      displayName: row.display_name,
      ...(members ? { members } : {}),
      ...doc,
      meta: {
        resourceType: 'Group',
        created: row.created_at,
        lastModified: row.last_modified,
        location: `${this.baseUrl}/Groups/${row.id}`,
      },
    };
  }

  private async membersOf(groupSeqs: number[]): Promise<Map<number, Member[]>> {
    const out = new Map<number, Member[]>(groupSeqs.map((s) => [s, []]));
    for (const part of chunks(groupSeqs)) {
      const rows = await this.db
        .selectFrom('scim_group_members as m')
        .innerJoin('scim_users as mu', 'mu.seq', 'm.user_seq')
        .select(['m.group_seq', 'mu.id', 'mu.user_name'])
        .where('m.group_seq', 'in', part)
        .orderBy('m.group_seq')
        .orderBy('m.user_seq')
        .execute();
      for (const r of rows) {
        out.get(r.group_seq)?.push({ value: r.id, display: r.user_name, type: 'User' });
      }
    }
    return out;
  }

  async list(filter: string | undefined, page: Page, withMembers: boolean) {
    const where = filter === undefined ? undefined : filterToSql(filter, groupFilterSpec);
    let query = this.db.selectFrom('scim_groups as g');
    if (where) query = query.where(where);
    let totalResults: number;
    if (where) {
      const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      totalResults = Number(row?.n ?? 0);
    } else {
      const row = await this.db
        .selectFrom('scim_counts')
        .select('value')
        .where('name', '=', 'groups')
        .executeTakeFirst();
      totalResults = row?.value ?? 0;
    }
    if (page.count === 0 || page.startIndex > totalResults) return { totalResults, resources: [] };
    const rows = await query
      .selectAll('g')
      .orderBy('g.seq')
      .limit(page.count)
      .offset(page.startIndex - 1)
      .execute();
    const members = withMembers ? await this.membersOf(rows.map((r) => r.seq)) : undefined;
    return { totalResults, resources: rows.map((r) => this.render(r, members?.get(r.seq))) };
  }

  private async find(db: Db | Tx, id: string): Promise<GroupRow> {
    const row = await db
      .selectFrom('scim_groups')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('group', id);
    return row;
  }

  async get(id: string, withMembers: boolean): Promise<GroupResource> {
    const row = await this.find(this.db, id);
    const members = withMembers ? (await this.membersOf([row.seq])).get(row.seq) : undefined;
    return this.render(row, members);
  }

  private async assertUnique(trx: Tx, displayName: string, exceptSeq?: number) {
    let query = trx
      .selectFrom('scim_groups')
      .select('seq')
      .where('display_name_key', '=', displayName.toLowerCase());
    if (exceptSeq !== undefined) query = query.where('seq', '<>', exceptSeq);
    if (await query.executeTakeFirst()) {
      throw uniqueness(`A group named "${displayName}" already exists.`);
    }
  }

  private async insertGroup(trx: Tx, input: GroupInput): Promise<GroupRow> {
    await this.assertUnique(trx, input.displayName);
    const now = new Date().toISOString();
    return trx
      .insertInto('scim_groups')
      .values({
        id: randomUUID(),
        display_name: input.displayName,
        display_name_key: input.displayName.toLowerCase(),
        external_id: input.externalId,
        doc: JSON.stringify(input.extensions),
        created_at: now,
        last_modified: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async create(body: unknown, withMembers = true): Promise<GroupResource> {
    const input = readGroupBody(body);
    const row = await this.db.transaction().execute(async (trx) => {
      const row = await this.insertGroup(trx, input);
      await this.members(trx).add(row.seq, input.members ?? []);
      return row;
    });
    return this.get(row.id, withMembers);
  }

  /** PUT: name, externalId, extensions and the member list are all replaced. */
  async replace(id: string, body: unknown, withMembers = true): Promise<GroupResource> {
    const input = readGroupBody(body);
    await this.db.transaction().execute(async (trx) => {
      const row = await this.find(trx, id);
      await this.assertUnique(trx, input.displayName, row.seq);
      await this.members(trx).replace(row.seq, input.members ?? []);
      await this.save(trx, row.seq, {
        displayName: input.displayName,
        externalId: input.externalId,
        extensions: input.extensions,
      });
    });
    return this.get(id, withMembers);
  }

  private async save(trx: Tx, seq: number, state: GroupState): Promise<void> {
    await trx
      .updateTable('scim_groups')
      .set({
        display_name: state.displayName,
        display_name_key: state.displayName.toLowerCase(),
        external_id: state.externalId,
        doc: JSON.stringify(state.extensions),
        last_modified: new Date().toISOString(),
      })
      .where('seq', '=', seq)
      .execute();
  }

  /** Applies the operations in order, in one transaction: all or nothing. */
  async patch(id: string, operations: PatchOperation[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.find(trx, id);
      const state: GroupState = {
        displayName: row.display_name,
        externalId: row.external_id,
        extensions: JSON.parse(row.doc) as Doc,
      };
      await applyGroupPatch(state, operations, { id, seq: row.seq, members: this.members(trx) });
      checkDisplayName(state.displayName);
      if (state.displayName !== row.display_name) {
        await this.assertUnique(trx, state.displayName, row.seq);
      }
      await this.save(trx, row.seq, state);
    });
  }

  async remove(id: string): Promise<void> {
    const result = await this.db.deleteFrom('scim_groups').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('group', id);
  }

  members(trx: Tx) {
    return new Memberships(trx);
  }
}

/** Membership rows of one transaction; each call touches only the rows it names. */
export class Memberships {
  constructor(private readonly trx: Tx) {}

  /** Resolves user ids to row numbers; any unknown id refuses the whole request. */
  async resolve(ids: string[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    const seqs: number[] = [];
    const unknown = new Set(unique);
    for (const part of chunks(unique)) {
      const rows = await this.trx
        .selectFrom('scim_users')
        .select(['seq', 'id'])
        .where('id', 'in', part)
        .execute();
      for (const r of rows) {
        seqs.push(r.seq);
        unknown.delete(r.id);
      }
    }
    if (unknown.size > 0) {
      const list = [...unknown].slice(0, 5).map((id) => `"${id.slice(0, 100)}"`);
      throw invalidValue(
        `No user with id ${list.join(', ')}${unknown.size > 5 ? ` (and ${unknown.size - 5} more)` : ''}: members must be users provisioned here.`,
      );
    }
    return seqs;
  }

  async add(groupSeq: number, ids: string[]): Promise<void> {
    const seqs = await this.resolve(ids);
    for (const part of chunks(seqs)) {
      await this.trx
        .insertInto('scim_group_members')
        .values(part.map((userSeq) => ({ group_seq: groupSeq, user_seq: userSeq })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  async removeIds(groupSeq: number, ids: string[]): Promise<void> {
    for (const part of chunks([...new Set(ids)])) {
      await this.trx
        .deleteFrom('scim_group_members')
        .where('group_seq', '=', groupSeq)
        .where('user_seq', 'in', (eb) =>
          eb.selectFrom('scim_users').select('seq').where('id', 'in', part),
        )
        .execute();
    }
  }

  async removeWhere(groupSeq: number, condition: RawBuilder<SqlBool>): Promise<void> {
    await sql`delete from scim_group_members where group_seq = ${groupSeq} and user_seq in (select mu.seq from scim_users mu where ${condition})`.execute(
      this.trx,
    );
  }

  async clear(groupSeq: number): Promise<void> {
    await this.trx.deleteFrom('scim_group_members').where('group_seq', '=', groupSeq).execute();
  }

  async replace(groupSeq: number, ids: string[]): Promise<void> {
    const seqs = await this.resolve(ids);
    await this.clear(groupSeq);
    for (const part of chunks(seqs)) {
      await this.trx
        .insertInto('scim_group_members')
        .values(part.map((userSeq) => ({ group_seq: groupSeq, user_seq: userSeq })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
}
