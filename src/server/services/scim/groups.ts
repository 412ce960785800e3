import { randomUUID } from 'node:crypto';
import { type RawBuilder, type Selectable, type SqlBool, sql, type Transaction } from 'kysely';
import { SCHEMA } from '../../../shared/scim/constants';
import type { PatchOperation } from '../../../shared/scim/resources';
import type { Db } from '../../db/database';
import { dialectOf, isUniqueViolation } from '../../db/dialect';
import { forUpdate, LICENCE_LOCK, lockInTransaction } from '../../db/locks';
import type { Database } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { LicenceWatch } from '../events/licence-watch';
import { appendEvents, groupEvent } from '../events/outbox';
import {
  type ActivityNote,
  addChange,
  addNotApplied,
  MAX_NAMES,
  nameList,
  newNote,
} from './activity-note';
import { scimCount } from './counts';
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
    const where =
      filter === undefined ? undefined : filterToSql(filter, groupFilterSpec, dialectOf(this.db));
    let query = this.db.selectFrom('scim_groups as g');
    if (where) query = query.where(where);
    let totalResults: number;
    if (where) {
      const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      totalResults = Number(row?.n ?? 0);
    } else {
      totalResults = await scimCount(this.db, 'groups');
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

  private async find(db: Db, id: string): Promise<GroupRow> {
    const row = await db
      .selectFrom('scim_groups')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('group', id);
    return row;
  }

  /**
   * The group a write transaction changes, locked (PostgreSQL) until it ends, and whether a
   * mapping gives its members licences: one query, told to `members` so it does not ask again.
   */
  private async findForWrite(trx: Tx, id: string, members: Memberships): Promise<GroupRow> {
    const query = trx
      .selectFrom('scim_groups as g')
      .select([
        'g.seq',
        'g.id',
        'g.display_name',
        'g.display_name_key',
        'g.external_id',
        'g.doc',
        'g.created_at',
        'g.last_modified',
        (eb) =>
          eb
            .exists(
              eb
                .selectFrom('directory_mapped_groups as mg')
                .select('mg.group_seq')
                .whereRef('mg.group_seq', '=', 'g.seq'),
            )
            .as('mapped'),
      ])
      .where('g.id', '=', id);
    const found = await forUpdate(trx, query).executeTakeFirst();
    if (!found) throw notFound('group', id);
    const { mapped, ...row } = found;
    members.knowMapped(row.seq, Boolean(mapped));
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

  /**
   * A write transaction. It takes the licence lock first: membership triggers take it anyway,
   * and taken before any row lock, group writes of two instances never wait on each other in a
   * cycle. Two instances may pass assertUnique for one name at once: the unique index refuses
   * the second, answered as the same 409 uniqueness. `note` is restored before a retry.
   */
  private async transaction<T>(
    note: ActivityNote,
    name: () => string | undefined,
    work: (trx: Tx) => Promise<T>,
  ): Promise<T> {
    const saved = structuredClone(note);
    try {
      return await inTransaction(
        this.db,
        async (trx) => {
          await lockInTransaction(trx, LICENCE_LOCK);
          return work(trx as Tx);
        },
        () => Object.assign(note, structuredClone(saved)),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const shown = name();
      throw uniqueness(
        shown === undefined
          ? 'A group with this displayName already exists.'
          : `A group named "${shown}" already exists.`,
      );
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

  async create(
    body: unknown,
    withMembers = true,
    note: ActivityNote = newNote(),
  ): Promise<GroupResource> {
    const input = readGroupBody(body, note);
    note.resourceType = 'Group';
    note.resourceName = input.displayName;
    const row = await this.transaction(
      note,
      () => input.displayName,
      async (trx) => {
        const row = await this.insertGroup(trx, input);
        await appendEvents(trx, [groupEvent('group.created', row.id, row.display_name)]);
        const members = this.members(trx);
        await members.add(row.seq, input.members ?? []);
        await members.tell(note);
        await members.watch.emit();
        return row;
      },
    );
    note.resourceId = row.id;
    addChange(note, 'displayName', null, input.displayName);
    if (input.externalId !== null) addChange(note, 'externalId', null, input.externalId);
    return this.get(row.id, withMembers);
  }

  /** PUT: name, externalId, extensions and the member list are all replaced. */
  async replace(
    id: string,
    body: unknown,
    withMembers = true,
    note: ActivityNote = newNote(),
  ): Promise<GroupResource> {
    noteGroup(note, id, undefined);
    const input = readGroupBody(body, note);
    await this.transaction(
      note,
      () => input.displayName,
      async (trx) => {
        const members = this.members(trx);
        const row = await this.findForWrite(trx, id, members);
        noteGroup(note, id, row.display_name);
        if (input.displayName.toLowerCase() !== row.display_name_key) {
          await this.assertUnique(trx, input.displayName, row.seq);
        }
        await members.replace(row.seq, input.members ?? []);
        const state = {
          displayName: input.displayName,
          externalId: input.externalId,
          extensions: input.extensions,
        };
        noteRename(note, row, state);
        await members.tell(note);
        await this.saveWithEvents(trx, row, state, members);
      },
    );
    if (note.changes.length === 0 && note.notApplied.length === 0) {
      addNotApplied(note, 'Nothing changed: the group already had this name and these members.');
    }
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

  /**
   * Saves the group, with `group.renamed` when its name changed; a rename can bind a waiting
   * mapping (migration 003), so an unmapped group's members are watched across it too.
   */
  private async saveWithEvents(trx: Tx, row: GroupRow, state: GroupState, members: Memberships) {
    const renamed = state.displayName !== row.display_name;
    if (renamed && !(await members.isMapped(row.seq))) await members.watch.captureGroup(row.seq);
    await this.save(trx, row.seq, state);
    if (renamed) {
      await appendEvents(trx, [
        groupEvent('group.renamed', row.id, state.displayName, { previousName: row.display_name }),
      ]);
    }
    await members.watch.emit();
  }

  /** Applies the operations in order, in one transaction: all or nothing. */
  async patch(id: string, operations: PatchOperation[], note: ActivityNote = newNote()) {
    noteGroup(note, id, undefined);
    let renamed: string | undefined;
    await this.transaction(
      note,
      () => renamed,
      async (trx) => {
        const members = this.members(trx);
        const row = await this.findForWrite(trx, id, members);
        noteGroup(note, id, row.display_name);
        const state: GroupState = {
          displayName: row.display_name,
          externalId: row.external_id,
          extensions: JSON.parse(row.doc) as Doc,
        };
        await applyGroupPatch(state, operations, { id, seq: row.seq, members });
        checkDisplayName(state.displayName);
        renamed = state.displayName;
        if (state.displayName.toLowerCase() !== row.display_name_key) {
          await this.assertUnique(trx, state.displayName, row.seq);
        }
        noteRename(note, row, state);
        await members.tell(note);
        await this.saveWithEvents(trx, row, state, members);
      },
    );
    if (note.changes.length === 0 && note.notApplied.length === 0) {
      addNotApplied(note, 'Nothing changed: the group already had this name.');
    }
  }

  async remove(id: string, note: ActivityNote = newNote()): Promise<void> {
    noteGroup(note, id, undefined);
    const row = await this.transaction(
      note,
      () => undefined,
      async (trx) => {
        const members = this.members(trx);
        const row = await this.findForWrite(trx, id, members);
        const watch = new LicenceWatch(trx, 'group_deleted');
        if (await members.isMapped(row.seq)) await watch.captureGroup(row.seq);
        await trx.deleteFrom('scim_groups').where('seq', '=', row.seq).execute();
        await appendEvents(trx, [groupEvent('group.deleted', id, row.display_name)]);
        await watch.emit();
        return row;
      },
    );
    noteGroup(note, id, row.display_name);
    addChange(note, 'displayName', row.display_name, null);
  }

  members(trx: Tx) {
    return new Memberships(trx);
  }
}

function noteGroup(note: ActivityNote, id: string, name: string | undefined) {
  note.resourceType = 'Group';
  note.resourceId = id;
  if (name !== undefined) note.resourceName = name;
}

function noteRename(note: ActivityNote, row: GroupRow, state: GroupState) {
  if (state.displayName !== row.display_name) {
    addChange(note, 'displayName', row.display_name, state.displayName);
  }
  if (state.externalId !== row.external_id) {
    addChange(note, 'externalId', row.external_id, state.externalId);
  }
  note.resourceName = state.displayName;
}

/** What the membership calls of one request did, for the request log. */
interface MembershipEffect {
  added: number;
  removed: number;
  /** Members to add that were already in the group. */
  alreadyIn: number;
  /** Members to remove that were not in the group (or no user at all). */
  notIn: number;
  /** Filters (`members[value eq "..."]`) that matched no member. */
  unmatched: number;
  addedSeqs: number[];
  removedSeqs: number[];
}

/** Membership rows of one transaction; each call touches only the rows it names. */
export class Memberships {
  readonly effect: MembershipEffect = {
    added: 0,
    removed: 0,
    alreadyIn: 0,
    notIn: 0,
    unmatched: 0,
    addedSeqs: [],
    removedSeqs: [],
  };

  /** Seats of the members a change touches in a mapped group, for `user.licence_changed`. */
  readonly watch: LicenceWatch;
  private readonly mapped = new Map<number, boolean>();
  /** userNames resolve() read, so that tell() need not read them again. */
  private readonly names = new Map<number, string>();

  constructor(private readonly trx: Tx) {
    this.watch = new LicenceWatch(trx, 'group_membership');
  }

  /** What the caller read already (findForWrite). */
  knowMapped(groupSeq: number, mapped: boolean): void {
    this.mapped.set(groupSeq, mapped);
  }

  /** Only a mapped group's memberships give licences: others need no watching. */
  async isMapped(groupSeq: number): Promise<boolean> {
    let mapped = this.mapped.get(groupSeq);
    if (mapped === undefined) {
      const row = await this.trx
        .selectFrom('directory_mapped_groups')
        .select('group_seq')
        .where('group_seq', '=', groupSeq)
        .executeTakeFirst();
      mapped = row !== undefined;
      this.mapped.set(groupSeq, mapped);
    }
    return mapped;
  }

  private async watchSeqs(groupSeq: number, seqs: number[]) {
    if (seqs.length > 0 && (await this.isMapped(groupSeq))) await this.watch.capture(seqs);
  }

  get dialect() {
    return dialectOf(this.trx);
  }

  private added(seqs: number[]) {
    this.effect.added += seqs.length;
    for (const seq of seqs)
      if (this.effect.addedSeqs.length < MAX_NAMES) this.effect.addedSeqs.push(seq);
  }

  private removed(seqs: number[]) {
    this.effect.removed += seqs.length;
    for (const seq of seqs)
      if (this.effect.removedSeqs.length < MAX_NAMES) this.effect.removedSeqs.push(seq);
  }

  /** Writes the effect into the note: member lists (20 names at most) and what had no effect. */
  async tell(note: ActivityNote): Promise<void> {
    const e = this.effect;
    note.members = { added: e.added, removed: e.removed };
    const names = this.names;
    const seqs = [...e.addedSeqs, ...e.removedSeqs].filter((seq) => !names.has(seq));
    if (seqs.length > 0) {
      const rows = await this.trx
        .selectFrom('scim_users')
        .select(['seq', 'user_name'])
        .where('seq', 'in', seqs)
        .execute();
      for (const r of rows) names.set(r.seq, r.user_name);
    }
    const named = (list: number[]) => list.map((seq) => names.get(seq) ?? String(seq));
    if (e.added > 0) addChange(note, 'members added', null, nameList(named(e.addedSeqs), e.added));
    if (e.removed > 0) {
      addChange(note, 'members removed', nameList(named(e.removedSeqs), e.removed), null);
    }
    const count = (n: number) => (n === 1 ? '1 member' : `${n} members`);
    if (e.alreadyIn > 0) {
      addNotApplied(
        note,
        `${count(e.alreadyIn)} to add ${e.alreadyIn === 1 ? 'was' : 'were'} already in the group.`,
      );
    }
    if (e.notIn > 0) {
      addNotApplied(
        note,
        `${count(e.notIn)} to remove ${e.notIn === 1 ? 'was' : 'were'} not in the group.`,
      );
    }
    if (e.unmatched > 0) {
      addNotApplied(note, 'No member matched the filter of a remove: nothing was removed by it.');
    }
  }

  /**
   * Resolves user ids to row numbers, in the order given; any unknown id refuses the whole
   * request.
   */
  async resolve(ids: string[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    const seqOf = new Map<string, number>();
    for (const part of chunks(unique)) {
      const rows = await this.trx
        .selectFrom('scim_users')
        .select(['seq', 'id', 'user_name'])
        .where('id', 'in', part)
        .execute();
      for (const r of rows) {
        seqOf.set(r.id, r.seq);
        this.names.set(r.seq, r.user_name);
      }
    }
    const seqs: number[] = [];
    const unknown = new Set<string>();
    for (const id of unique) {
      const seq = seqOf.get(id);
      if (seq === undefined) unknown.add(id);
      else seqs.push(seq);
    }
    if (unknown.size > 0) {
      const list = [...unknown].slice(0, 5).map((id) => `"${id.slice(0, 100)}"`);
      throw invalidValue(
        `No user with id ${list.join(', ')}${unknown.size > 5 ? ` (and ${unknown.size - 5} more)` : ''}: members must be users provisioned here.`,
      );
    }
    return seqs;
  }

  private async insert(groupSeq: number, seqs: number[]): Promise<number[]> {
    await this.watchSeqs(groupSeq, seqs);
    const inserted: number[] = [];
    for (const part of chunks(seqs)) {
      const rows = await this.trx
        .insertInto('scim_group_members')
        .values(part.map((userSeq) => ({ group_seq: groupSeq, user_seq: userSeq })))
        .onConflict((oc) => oc.doNothing())
        .returning('user_seq')
        .execute();
      for (const r of rows) inserted.push(r.user_seq);
    }
    return inserted;
  }

  async add(groupSeq: number, ids: string[]): Promise<void> {
    const seqs = await this.resolve(ids);
    const inserted = await this.insert(groupSeq, seqs);
    this.added(inserted);
    this.effect.alreadyIn += seqs.length - inserted.length;
  }

  async removeIds(groupSeq: number, ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    const removed: number[] = [];
    if (await this.isMapped(groupSeq)) await this.watch.capture(await this.resolveKnown(unique));
    for (const part of chunks(unique)) {
      const rows = await this.trx
        .deleteFrom('scim_group_members')
        .where('group_seq', '=', groupSeq)
        .where('user_seq', 'in', (eb) =>
          eb.selectFrom('scim_users').select('seq').where('id', 'in', part),
        )
        .returning('user_seq')
        .execute();
      for (const r of rows) removed.push(r.user_seq);
    }
    this.removed(removed);
    this.effect.notIn += unique.length - removed.length;
  }

  /** The row numbers of the ids that are users; unknown ids are left out. */
  private async resolveKnown(ids: string[]): Promise<number[]> {
    const seqs: number[] = [];
    for (const part of chunks(ids)) {
      const rows = await this.trx
        .selectFrom('scim_users')
        .select('seq')
        .where('id', 'in', part)
        .execute();
      for (const r of rows) seqs.push(r.seq);
    }
    return seqs;
  }

  async removeWhere(groupSeq: number, condition: RawBuilder<SqlBool>): Promise<void> {
    if (await this.isMapped(groupSeq)) {
      const { rows: matched } = await sql<{
        user_seq: number;
      }>`select m.user_seq from scim_group_members m join scim_users mu on mu.seq = m.user_seq where m.group_seq = ${groupSeq} and ${condition}`.execute(
        this.trx,
      );
      await this.watch.capture(matched.map((r) => r.user_seq));
    }
    const { rows } = await sql<{
      user_seq: number;
    }>`delete from scim_group_members where group_seq = ${groupSeq} and user_seq in (select mu.seq from scim_users mu where ${condition}) returning user_seq`.execute(
      this.trx,
    );
    this.removed(rows.map((r) => r.user_seq));
    if (rows.length === 0) this.effect.unmatched += 1;
  }

  async clear(groupSeq: number): Promise<void> {
    if (await this.isMapped(groupSeq)) await this.watch.captureGroup(groupSeq);
    const rows = await this.trx
      .deleteFrom('scim_group_members')
      .where('group_seq', '=', groupSeq)
      .returning('user_seq')
      .execute();
    this.removed(rows.map((r) => r.user_seq));
  }

  /** The member list becomes `ids`: only the difference is written, so a re-sent list is cheap. */
  async replace(groupSeq: number, ids: string[]): Promise<void> {
    const seqs = await this.resolve(ids);
    const current = await this.trx
      .selectFrom('scim_group_members')
      .select('user_seq')
      .where('group_seq', '=', groupSeq)
      .execute();
    const wanted = new Set(seqs);
    const have = new Set(current.map((r) => r.user_seq));
    const gone = [...have].filter((seq) => !wanted.has(seq));
    await this.watchSeqs(groupSeq, gone);
    for (const part of chunks(gone)) {
      await this.trx
        .deleteFrom('scim_group_members')
        .where('group_seq', '=', groupSeq)
        .where('user_seq', 'in', part)
        .execute();
    }
    this.removed(gone);
    this.added(
      await this.insert(
        groupSeq,
        [...wanted].filter((seq) => !have.has(seq)),
      ),
    );
  }
}
