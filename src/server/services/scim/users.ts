import { randomUUID } from 'node:crypto';
import { type SqlBool, sql, type Transaction } from 'kysely';
import { SCHEMA } from '../../../shared/scim/constants';
import type { PatchOperation } from '../../../shared/scim/resources';
import type { Db } from '../../db/database';
import { dialectOf, isPostgres, isUniqueViolation } from '../../db/dialect';
import { forUpdate, LICENCE_LOCK, lockInTransaction } from '../../db/locks';
import type { Database } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { LicenceWatch } from '../events/licence-watch';
import { appendEvents, type NewEvent, userEvent } from '../events/outbox';
import {
  type ActivityNote,
  addChange,
  addNotApplied,
  newNote,
  noteDocChanges,
} from './activity-note';
import { scimCounts } from './counts';
import { notFound, uniqueness } from './errors';
import { column, type FilterSpec, filterToSql } from './filter-sql';
import { insertUser } from './insert-user';
import type { Page } from './paging';
import { patchUserDoc } from './patch';
import { buildUserDoc, checkUser, schemasOf, type UserIndex, userIndex } from './user-doc';
import type { Doc } from './values';

export const userFilterSpec: FilterSpec = {
  uri: SCHEMA.user,
  attrs: {
    id: column('u.id', 'string', true),
    externalid: column('u.external_id', 'string', true),
    username: column('u.user_name_key'),
    displayname: column('u.display_name_key'),
    active: column('u.active', 'boolean'),
    name: {
      kind: 'complex',
      subs: { givenname: column('u.given_name_key'), familyname: column('u.family_name_key') },
    },
    meta: {
      kind: 'complex',
      subs: {
        created: column('u.created_at', 'dateTime'),
        lastmodified: column('u.last_modified', 'dateTime'),
      },
    },
    emails: {
      kind: 'multi',
      subs: {
        value: column('e.value_key'),
        type: column('e.type_key'),
        primary: column('e.is_primary', 'boolean'),
      },
      exists: (inner) =>
        sql<SqlBool>`exists (select 1 from scim_user_emails e where e.user_seq = u.seq and ${inner})`,
    },
  },
};

type UserRow = Database['scim_users'];
type Tx = Transaction<Database>;
export type UserResource = Doc & { schemas: string[]; id: string; meta: Doc };

export interface UserList {
  totalResults: number;
  resources: UserResource[];
}

/** Told, after the change is stored, when a request deactivated or reactivated a user. */
export type ActiveChangeListener = (userId: string, active: boolean) => Promise<void>;

function noteUser(note: ActivityNote, id: string, userName: unknown) {
  note.resourceType = 'User';
  note.resourceId = id;
  if (typeof userName === 'string') note.resourceName = userName;
}

export class ScimUsers {
  constructor(
    private readonly db: Db,
    /** `{PUBLIC_URL}/scim/v2` */
    private readonly baseUrl: string,
    private readonly onActiveChange?: ActiveChangeListener,
    /** Told after a user was deleted. */
    private readonly onRemoved?: (userId: string) => Promise<unknown>,
  ) {}

  render(row: Pick<UserRow, 'id' | 'doc' | 'created_at' | 'last_modified'>): UserResource {
    const doc = JSON.parse(row.doc) as Doc;
    return {
      schemas: schemasOf(SCHEMA.user, doc),
      id: row.id,
      ...doc,
      meta: {
        resourceType: 'User',
        created: row.created_at,
        lastModified: row.last_modified,
        location: `${this.baseUrl}/Users/${row.id}`,
      },
    };
  }

  /**
   * Where sequential unfiltered pages left off: rows before → the last row's seq, valid while no
   * user was deleted. Okta's import asks for startIndex 1, 101, 201...; each page then seeks by
   * seq through the primary key instead of skipping `startIndex` rows (OFFSET is linear).
   */
  private readonly cursors = new Map<number, { seq: number; deletions: number }>();

  async list(filter: string | undefined, page: Page): Promise<UserList> {
    if (filter !== undefined) return this.listFiltered(filter, page);
    // Kept by triggers: a total that never scans the table.
    const counts = await scimCounts(this.db);
    const totalResults = counts.users_active + counts.users_inactive;
    const deletions = counts.users_deleted;
    if (page.count === 0 || page.startIndex > totalResults) return { totalResults, resources: [] };
    const before = page.startIndex - 1;
    const cursor = this.cursors.get(before);
    let query = this.db
      .selectFrom('scim_users as u')
      .select(['u.seq', 'u.id', 'u.doc', 'u.created_at', 'u.last_modified'])
      .orderBy('u.seq')
      .limit(page.count);
    query =
      cursor && cursor.deletions === deletions
        ? query.where('u.seq', '>', cursor.seq)
        : query.offset(before);
    const rows = await query.execute();
    const last = rows[rows.length - 1];
    if (last) {
      this.cursors.set(before + rows.length, { seq: last.seq, deletions });
      if (this.cursors.size > 64) this.cursors.delete(this.cursors.keys().next().value as number);
    }
    return { totalResults, resources: rows.map((r) => this.render(r)) };
  }

  private async listFiltered(filter: string, page: Page): Promise<UserList> {
    const where = filterToSql(filter, userFilterSpec, dialectOf(this.db));
    const query = this.db.selectFrom('scim_users as u').where(where);
    const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const totalResults = Number(row?.n ?? 0);
    if (page.count === 0 || page.startIndex > totalResults) return { totalResults, resources: [] };
    const rows = await query
      .select(['u.id', 'u.doc', 'u.created_at', 'u.last_modified'])
      .orderBy('u.seq')
      .limit(page.count)
      .offset(page.startIndex - 1)
      .execute();
    return { totalResults, resources: rows.map((r) => this.render(r)) };
  }

  /** In a transaction that will write the row, it stays locked (PostgreSQL) until the end. */
  private async find(db: Db | Tx, id: string) {
    const query = db
      .selectFrom('scim_users')
      .select(['seq', 'id', 'doc', 'created_at', 'last_modified', 'user_name'])
      .where('id', '=', id);
    const row = await (db.isTransaction ? forUpdate(db, query) : query).executeTakeFirst();
    if (!row) throw notFound('user', id);
    return row;
  }

  async get(id: string): Promise<UserResource> {
    return this.render(await this.find(this.db, id));
  }

  private async assertUnique(trx: Tx, index: UserIndex, exceptSeq?: number) {
    let query = trx
      .selectFrom('scim_users')
      .select('seq')
      .where('user_name_key', '=', index.user_name_key);
    if (exceptSeq !== undefined) query = query.where('seq', '<>', exceptSeq);
    if (await query.executeTakeFirst()) {
      throw uniqueness(`A user with userName "${index.user_name}" already exists.`);
    }
  }

  /**
   * A write transaction. Two instances may pass assertUnique for one userName at once: the unique
   * index refuses the second insert (or rename), answered as the same 409 uniqueness.
   */
  private transaction<T>(
    named: { user_name?: unknown; userName?: unknown } | undefined,
    work: (trx: Tx) => Promise<T>,
  ): Promise<T> {
    return this.uniquely(named, () => inTransaction(this.db, (trx) => work(trx as Tx)));
  }

  /** A unique violation of `work` (a userName taken meanwhile) becomes the 409 uniqueness. */
  private async uniquely<T>(
    named: { user_name?: unknown; userName?: unknown } | undefined,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const name = named?.user_name ?? named?.userName;
      throw uniqueness(
        typeof name === 'string'
          ? `A user with userName "${name}" already exists.`
          : 'A user with this userName already exists.',
      );
    }
  }

  private async writeEmails(trx: Tx, seq: number, index: UserIndex, replace: boolean) {
    if (replace) await trx.deleteFrom('scim_user_emails').where('user_seq', '=', seq).execute();
    if (index.emails.length > 0) {
      await trx
        .insertInto('scim_user_emails')
        .values(index.emails.map((e) => ({ ...e, user_seq: seq })))
        .execute();
    }
  }

  async create(body: unknown, note: ActivityNote = newNote()): Promise<UserResource> {
    const doc = buildUserDoc(body, note);
    doc.active = doc.active !== false;
    const index = userIndex(doc);
    note.resourceType = 'User';
    note.resourceName = index.user_name;
    const now = new Date().toISOString();
    const { emails, ...columns } = index;
    const row = {
      ...columns,
      id: randomUUID(),
      doc: JSON.stringify(doc),
      created_at: now,
      last_modified: now,
    };
    const event = userEvent('user.created', row.id, row.doc);
    await this.uniquely(index, async () => {
      if (isPostgres(this.db)) return insertUser(this.db, row, emails, event);
      await inTransaction(this.db, async (trx) => {
        await this.assertUnique(trx as Tx, index);
        const { seq } = await trx
          .insertInto('scim_users')
          .values(row)
          .returning('seq')
          .executeTakeFirstOrThrow();
        await this.writeEmails(trx as Tx, seq, index, false);
        await appendEvents(trx, [event]);
      });
    });
    const created = this.render(row);
    noteUser(note, created.id, index.user_name);
    noteDocChanges(note, null, doc);
    return created;
  }

  private async write(
    trx: Tx,
    current: { seq: number; doc: string; user_name: string },
    doc: Doc,
    note: ActivityNote,
  ) {
    checkUser(doc);
    const index = userIndex(doc);
    // A userName kept (in any letter case) needs no look: only this row holds it.
    if (index.user_name_key !== current.user_name.toLowerCase()) {
      await this.assertUnique(trx, index, current.seq);
    }
    const before = JSON.parse(current.doc) as Doc;
    noteDocChanges(note, before, doc);
    note.resourceName = index.user_name;
    note.active = { before: before.active !== false, after: doc.active !== false };
    const { emails: _emails, ...columns } = index;
    const activeChanged = note.active.before !== note.active.after;
    const watch = new LicenceWatch(trx, note.active.after ? 'reactivation' : 'deactivation');
    if (activeChanged) await watch.capture([current.seq]);
    const row = await trx
      .updateTable('scim_users')
      .set({ ...columns, doc: JSON.stringify(doc), last_modified: new Date().toISOString() })
      .where('seq', '=', current.seq)
      .returning(['id', 'doc', 'created_at', 'last_modified'])
      .executeTakeFirstOrThrow();
    if (JSON.stringify(before.emails) !== JSON.stringify(doc.emails)) {
      await this.writeEmails(trx, current.seq, index, true);
    }
    const changed = note.changes.map((c) => c.attribute).filter((a) => a !== 'active');
    const events: NewEvent[] = [];
    if (changed.length > 0) events.push(userEvent('user.updated', row.id, row.doc, { changed }));
    if (activeChanged) {
      const type = note.active.after ? 'user.reactivated' : 'user.deactivated';
      events.push(userEvent(type, row.id, row.doc));
    }
    await appendEvents(trx, events);
    await watch.emit();
    return this.render(row);
  }

  /** PUT: the body replaces the document; id and meta.created stay. */
  async replace(id: string, body: unknown, note: ActivityNote = newNote()): Promise<UserResource> {
    noteUser(note, id, undefined);
    const doc = buildUserDoc(body, note);
    const resource = await this.transaction(doc, async (trx) => {
      const current = await this.find(trx, id);
      // A PUT without `active` does not reactivate (or deactivate) anyone.
      doc.active ??= (JSON.parse(current.doc) as Doc).active !== false;
      return this.write(trx, current, doc, note);
    });
    await this.afterWrite(id, note, 'Nothing changed: the user already had these values.');
    return resource;
  }

  async patch(
    id: string,
    operations: PatchOperation[],
    note: ActivityNote = newNote(),
  ): Promise<UserResource> {
    noteUser(note, id, undefined);
    const resource = await this.transaction(undefined, async (trx) => {
      const current = await this.find(trx, id);
      note.resourceName = current.user_name;
      const doc = buildUserDoc(patchUserDoc(JSON.parse(current.doc) as Doc, operations, id));
      doc.active = doc.active !== false;
      return this.write(trx, current, doc, note);
    });
    await this.afterWrite(id, note, 'Nothing changed: the user already had these values.');
    return resource;
  }

  private async afterWrite(id: string, note: ActivityNote, unchanged: string) {
    const active = note.active;
    if (note.changes.length === 0) {
      addNotApplied(note, unchanged);
    }
    if (active && active.before !== active.after) await this.onActiveChange?.(id, active.after);
  }

  async remove(id: string, note: ActivityNote = newNote()): Promise<void> {
    noteUser(note, id, undefined);
    // The user's memberships go with them, and their triggers take the licence lock: taken first.
    const row = await inTransaction(this.db, async (trx) => {
      await lockInTransaction(trx, LICENCE_LOCK);
      const current = await this.find(trx, id);
      const watch = new LicenceWatch(trx, 'user_deleted');
      await watch.capture([current.seq]);
      await trx.deleteFrom('scim_users').where('seq', '=', current.seq).execute();
      await appendEvents(trx, [userEvent('user.deleted', id, current.doc)]);
      await watch.emit();
      return current;
    });
    noteUser(note, id, row.user_name);
    note.active = { before: (JSON.parse(row.doc) as Doc).active !== false, after: false };
    addChange(note, 'userName', row.user_name, null);
    await this.onRemoved?.(id);
  }
}
