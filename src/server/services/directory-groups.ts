import { type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import type {
  Capability,
  CreateDirectoryGroupInput,
  DirectoryGroupList,
  DirectoryGroupView,
  directoryGroupsQuery,
  GroupSuggestions,
  MappingStatus,
  SeatEffect,
} from '../../shared/api/directory-groups';
import type { Db } from '../db/database';
import { type DialectName, dialectOf, isUniqueViolation } from '../db/dialect';
import { inTransaction } from '../db/transaction';
import { ServiceError } from './errors';
import { MappingFanout } from './events/fanout';
import { LICENCE_RANK, RANK_LICENCE } from './licences';

/** No pushed group has the typed name; the route answers 400 `group_not_found`. */
export class GroupNotFoundError extends ServiceError {
  constructor(message: string) {
    super('invalid', message, { groupName: message });
    this.name = 'GroupNotFoundError';
  }
}

export type DirectoryGroupsQuery = z.output<typeof directoryGroupsQuery>;

const MAX_CHAR = '\u{10FFFF}';

/** The name shown: the group's name now, else its last name before Okta deleted it, else typed. */
const shownName = sql<string>`coalesce(g.display_name, m.last_name, m.bound_name, m.name)`;
const memberCount = sql<number>`(case when g.seq is null then 0 else
  (select count(*) from scim_group_members gm where gm.group_seq = g.seq) end)`;

/** Names sort ignoring case: SQLite's nocase collation; lower() on PostgreSQL. */
const sorts = (dialect: DialectName) => ({
  name: dialect === 'postgres' ? sql`lower(${shownName})` : sql`${shownName} collate nocase`,
  capability: sql`m.capability`,
  members: memberCount,
  createdAt: sql`m.created_at`,
});

/** The shown name contains `name`, ignoring case. */
const nameContains = (dialect: DialectName, name: string) =>
  dialect === 'postgres'
    ? sql<SqlBool>`strpos(lower(${shownName}), lower(${name})) > 0`
    : sql<SqlBool>`instr(lower(${shownName}), lower(${name})) > 0`;

function alreadyMapped(name: string, capability: Capability): ServiceError {
  const label = capability === 'pro' ? 'Pro' : 'Basic';
  return new ServiceError(
    'conflict',
    `"${name}" is already mapped (to ${label}). Change its capability in the table instead.`,
    { groupName: `"${name}" is already mapped (to ${label}).` },
  );
}

interface MappingRow {
  id: number;
  name: string;
  capability: Capability;
  scim_group_id: string | null;
  bound_name: string | null;
  last_name: string | null;
  created_at: string;
  created_by: string;
  group_name: string | null;
  members: number;
}

function toView(row: MappingRow): DirectoryGroupView {
  let status: MappingStatus = 'synced';
  if (row.scim_group_id === null) status = 'waiting';
  else if (row.group_name === null) status = 'no-longer-pushed';
  const name =
    status === 'waiting'
      ? row.name
      : (row.group_name ?? row.last_name ?? row.bound_name ?? row.name);
  const bound = row.bound_name ?? row.name;
  return {
    id: row.id,
    name,
    previousName: status !== 'waiting' && bound !== name ? bound : null,
    capability: row.capability,
    members: Number(row.members),
    status,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export class DirectoryGroupsService {
  constructor(private readonly db: Db) {}

  /** The same service working through `db`, a transaction the caller holds. */
  withDb(db: Db): DirectoryGroupsService {
    return new DirectoryGroupsService(db);
  }

  private rows() {
    return this.db
      .selectFrom('directory_group_mappings as m')
      .leftJoin('scim_groups as g', 'g.id', 'm.scim_group_id');
  }

  private async views(ids: number[]): Promise<Map<number, DirectoryGroupView>> {
    if (ids.length === 0) return new Map();
    const rows = await this.rows()
      .select([
        'm.id',
        'm.name',
        'm.capability',
        'm.scim_group_id',
        'm.bound_name',
        'm.last_name',
        'm.created_at',
        'm.created_by',
        'g.display_name as group_name',
        memberCount.as('members'),
      ])
      .where('m.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, toView(r)]));
  }

  async get(id: number): Promise<DirectoryGroupView> {
    const view = (await this.views([id])).get(id);
    if (!view)
      throw new ServiceError('not-found', 'This directory group is not mapped (any more).');
    return view;
  }

  /** Two steps: the page's ids in order (sort keys only), then the rows of that page. */
  async list(query: DirectoryGroupsQuery): Promise<DirectoryGroupList> {
    let base = this.rows();
    if (query.name) {
      base = base.where(nameContains(dialectOf(this.db), query.name));
    }
    const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const total = Number(count?.n ?? 0);
    const page = await base
      .select('m.id')
      .orderBy(sorts(dialectOf(this.db))[query.sort], query.order)
      .orderBy('m.id', query.order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    const views = await this.views(page.map((r) => r.id));
    const groups = page.flatMap((r) => views.get(r.id) ?? []);
    return { groups, total, page: query.page, pageSize: query.pageSize };
  }

  /** The pushed group with exactly this name, or a hint when only the letter case differs. */
  private async pushedGroup(name: string) {
    const row = await this.db
      .selectFrom('scim_groups')
      .select(['id', 'display_name'])
      .where('display_name_key', '=', name.toLowerCase())
      .executeTakeFirst();
    if (row?.display_name === name) return { group: row };
    return { group: undefined, nearly: row?.display_name };
  }

  async create(input: CreateDirectoryGroupInput, adminEmail: string): Promise<DirectoryGroupView> {
    const name = input.groupName.trim();
    const { group, nearly } = await this.pushedGroup(name);
    const existing = await this.db
      .selectFrom('directory_group_mappings')
      .select('capability')
      .where((eb) =>
        group
          ? eb('scim_group_id', '=', group.id)
          : eb.or([
              eb.and([eb('scim_group_id', 'is', null), eb('name', '=', name)]),
              // No longer pushed under this name: it binds again when Okta pushes the name.
              eb('last_name', '=', name),
            ]),
      )
      .executeTakeFirst();
    if (existing) throw alreadyMapped(name, existing.capability);
    if (!group && !input.addAnyway) {
      const hint = nearly
        ? ` Okta pushed "${nearly}": the name must match exactly, capitals included.`
        : '';
      throw new GroupNotFoundError(
        `Group "${name}" was not found.${hint} Okta may not have finished pushing it: wait a few minutes and try again, or add it anyway and it will take effect when Okta pushes it.`,
      );
    }
    const now = new Date().toISOString();
    try {
      const { id } = await inTransaction(this.db, async (trx) => {
        const fanout = await MappingFanout.begin(trx, await groupSeqOf(trx, group?.id ?? null));
        const inserted = await trx
          .insertInto('directory_group_mappings')
          .values({
            name,
            capability: input.capability,
            scim_group_id: group?.id ?? null,
            bound_name: group?.display_name ?? null,
            bound_at: group ? now : null,
            created_at: now,
            created_by: adminEmail,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await fanout.finish({
          id: inserted.id,
          change: 'added',
          groupName: name,
          groupId: group?.id ?? null,
          before: null,
          after: input.capability,
        });
        return inserted;
      });
      return this.get(id);
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyMapped(name, input.capability);
      throw error;
    }
  }

  /** The mapping row, or not-found. */
  private async mapping(db: Db, id: number) {
    const row = await db
      .selectFrom('directory_group_mappings')
      .select(['id', 'name', 'capability', 'scim_group_id', 'bound_name'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new ServiceError('not-found', 'This directory group is not mapped (any more).');
    return row;
  }

  /**
   * Each mapping change writes `mapping.changed` and a fan-out job of the people whose seat it
   * moved, in its own transaction (see MappingFanout).
   */
  async setCapability(id: number, capability: Capability): Promise<DirectoryGroupView> {
    await inTransaction(this.db, async (trx) => {
      const before = await this.mapping(trx, id);
      if (before.capability === capability) return;
      const fanout = await MappingFanout.begin(trx, await groupSeqOf(trx, before.scim_group_id));
      await trx
        .updateTable('directory_group_mappings')
        .set({ capability, updated_at: new Date().toISOString() })
        .where('id', '=', id)
        .execute();
      await fanout.finish({
        id,
        change: 'changed',
        groupName: before.bound_name ?? before.name,
        groupId: before.scim_group_id,
        before: before.capability,
        after: capability,
      });
    });
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const before = await this.mapping(trx, id);
      const fanout = await MappingFanout.begin(trx, await groupSeqOf(trx, before.scim_group_id));
      await trx.deleteFrom('directory_group_mappings').where('id', '=', id).execute();
      await fanout.finish({
        id,
        change: 'removed',
        groupName: before.bound_name ?? before.name,
        groupId: before.scim_group_id,
        before: before.capability,
        after: null,
      });
    });
  }

  async suggestions(prefix: string, limit: number): Promise<GroupSuggestions> {
    const key = prefix.trim().toLowerCase();
    const rows = await this.db
      .selectFrom('scim_groups as g')
      .select([
        'g.id',
        'g.display_name',
        sql<number>`case when exists (select 1 from directory_group_mappings m where m.scim_group_id = g.id) then 1 else 0 end`.as(
          'mapped',
        ),
      ])
      .where('g.display_name_key', '>=', key)
      .where('g.display_name_key', '<', key + MAX_CHAR)
      .orderBy('g.display_name_key')
      .limit(limit)
      .execute();
    return {
      groups: rows.map((r) => ({ id: r.id, name: r.display_name, mapped: Boolean(r.mapped) })),
    };
  }

  /**
   * Who moves if group `groupSeq` gave `capability` (none: nothing): for each active member, the
   * stored licence rank against the rank from their other mapped groups and the new rank. Those
   * others are read only when this group gives the member's rank and the new rank is lower: in
   * every other case the stored rank answers.
   */
  private async effectOn(groupSeq: number, capability: Capability | 'none'): Promise<SeatEffect> {
    const newRank = capability === 'none' ? 0 : LICENCE_RANK[capability];
    const groupRank = sql<number>`coalesce((select rank from directory_mapped_groups
      where group_seq = ${groupSeq}), 0)`;
    const others = sql<number>`coalesce((select max(mg.rank) from scim_group_members x
      join directory_mapped_groups mg on mg.group_seq = x.group_seq
      where x.user_seq = gm.user_seq and x.group_seq <> ${groupSeq}), 0)`;
    // The larger of two values: SQLite's scalar max(), PostgreSQL's greatest().
    const max = sql.raw(dialectOf(this.db) === 'postgres' ? 'greatest' : 'max');
    const { rows } = await sql<{ before: number; after: number; n: number }>`
      select before, after, count(*) as n from (
        select u.licence_rank as before, case
            when ${groupRank} < u.licence_rank then ${max}(${newRank}, u.licence_rank)
            when ${newRank} >= u.licence_rank then ${newRank}
            else ${max}(${newRank}, ${others}) end as after
        from scim_group_members gm
        join scim_users u on u.seq = gm.user_seq
        where gm.group_seq = ${groupSeq} and u.active = 1
      ) effects group by before, after`.execute(this.db);
    const effect: SeatEffect = {
      affectedUsers: 0,
      fromNoneToBasic: 0,
      fromNoneToPro: 0,
      fromBasicToPro: 0,
      fromProToBasic: 0,
      fromBasicToNone: 0,
      fromProToNone: 0,
    };
    for (const r of rows) {
      const n = Number(r.n);
      effect.affectedUsers += n;
      const before = RANK_LICENCE[r.before] ?? 'none';
      const after = RANK_LICENCE[r.after] ?? 'none';
      if (before === after) continue;
      const key = `from${cap(before)}To${cap(after)}` as keyof SeatEffect;
      effect[key] += n;
    }
    return effect;
  }

  async seatEffect(
    input: { mappingId?: number; groupName?: string },
    capability: Capability | 'none',
  ): Promise<SeatEffect> {
    let groupId: string | null | undefined;
    if (input.mappingId !== undefined) {
      const row = await this.db
        .selectFrom('directory_group_mappings')
        .select('scim_group_id')
        .where('id', '=', input.mappingId)
        .executeTakeFirst();
      if (!row)
        throw new ServiceError('not-found', 'This directory group is not mapped (any more).');
      groupId = row.scim_group_id;
    } else {
      groupId = (await this.pushedGroup(input.groupName ?? '')).group?.id;
    }
    const group = groupId
      ? await this.db
          .selectFrom('scim_groups')
          .select('seq')
          .where('id', '=', groupId)
          .executeTakeFirst()
      : undefined;
    // Waiting, no longer pushed, or not pushed yet: nobody moves until Okta pushes the group.
    return this.effectOn(group?.seq ?? -1, capability);
  }
}

async function groupSeqOf(db: Db, scimGroupId: string | null): Promise<number | null> {
  if (scimGroupId === null) return null;
  const row = await db
    .selectFrom('scim_groups')
    .select('seq')
    .where('id', '=', scimGroupId)
    .executeTakeFirst();
  return row?.seq ?? null;
}

function cap(licence: string): string {
  return licence.charAt(0).toUpperCase() + licence.slice(1);
}
