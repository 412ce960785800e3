import { type Expression, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import {
  type Licence,
  type LicenceTotals,
  USER_ROW_GROUPS,
  type UserList,
  type UserRow,
  type usersQuery,
} from '../../shared/api/users';
import type { Db } from '../db/database';
import { isPostgres } from '../db/dialect';
import { scimCount, scimCounts } from './scim/counts';

/**
 * Licences. A user's rank is the highest rank among their groups in the view
 * `directory_mapped_groups` (mapped groups Okta still pushes, rank 2 for Pro and 1 for Basic).
 * Triggers keep it in `scim_users.licence_rank` (migration 006), indexed with each sort key and
 * `active`, so filters, their pages and seat totals are index lookups. `licenceRankOf` is the
 * definition, computed from memberships: the tests hold the stored rank to it.
 */
export const RANK_LICENCE: Record<number, Licence> = { 0: 'none', 1: 'basic', 2: 'pro' };
export const LICENCE_RANK: Record<Licence, number> = { none: 0, basic: 1, pro: 2 };

/** The licence rank of the user whose seq is `userSeq`, from memberships (an SQL expression). */
export function licenceRankOf(userSeq: Expression<number>) {
  return sql<number>`coalesce((select max(mg.rank) from scim_group_members m
    join directory_mapped_groups mg on mg.group_seq = m.group_seq
    where m.user_seq = ${userSeq}), 0)`;
}

/** Users holding exactly this licence (an SQL condition on `u`). */
export function hasLicence(licence: Licence): Expression<SqlBool> {
  return sql<SqlBool>`u.licence_rank = ${LICENCE_RANK[licence]}`;
}

/** Above every character: `key >= q and key < q || MAX` is "starts with q" through an index. */
const MAX_CHAR = '\u{10FFFF}';

function startsWith(column: string, q: string) {
  return sql<SqlBool>`(${sql.ref(column)} >= ${q} and ${sql.ref(column)} < ${q + MAX_CHAR})`;
}

type Doc = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

export function displayNameOf(doc: Doc, userName: string): string {
  const name = (doc.name ?? {}) as Doc;
  const given = [str(name.givenName), str(name.familyName)].filter(Boolean).join(' ');
  return str(doc.displayName) ?? str(name.formatted) ?? (given || userName);
}

export function emailOf(doc: Doc): string | null {
  const emails = Array.isArray(doc.emails) ? (doc.emails as Doc[]) : [];
  const primary =
    emails.find((e) => e?.primary === true && str(e.value)) ?? emails.find((e) => str(e?.value));
  return (primary?.value as string | undefined) ?? null;
}

export type UsersQuery = z.output<typeof usersQuery>;

export class LicenceService {
  /**
   * The last totals and the connection's write count when they were computed. The server owns
   * its SQLite connection, so `total_changes()` moves with every write (SCIM, mappings, the
   * request log): the console's frequent polls between Okta's pushes cost one cheap query.
   */
  private totalsCache: { changes: number; totals: LicenceTotals } | undefined;

  constructor(private readonly db: Db) {}

  /** The licence of one user, by SCIM row seq. */
  async licenceOf(userSeq: number): Promise<Licence> {
    const row = await this.db
      .selectFrom('scim_users')
      .select('licence_rank')
      .where('seq', '=', userSeq)
      .executeTakeFirst();
    return RANK_LICENCE[row?.licence_rank ?? 0] ?? 'none';
  }

  /**
   * Seats: active users by licence; deactivated users counted apart. On PostgreSQL other
   * instances write too, and no connection sees every write: no cache, the totals are counted
   * (two index counts).
   */
  async totals(): Promise<LicenceTotals> {
    if (isPostgres(this.db)) return this.countTotals();
    const { changes } = await this.db
      .selectNoFrom(sql<number>`total_changes()`.as('changes'))
      .executeTakeFirstOrThrow();
    if (this.totalsCache?.changes === changes) return this.totalsCache.totals;
    const totals = await this.countTotals();
    this.totalsCache = { changes, totals };
    return totals;
  }

  private async countTotals(): Promise<LicenceTotals> {
    const counts = await scimCounts(this.db);
    const active = (rank: number) =>
      sql<number>`(select count(*) from scim_users where licence_rank = ${rank} and active = 1)`;
    const row = await this.db
      .selectNoFrom([active(2).as('pro'), active(1).as('basic')])
      .executeTakeFirstOrThrow();
    const pro = Number(row.pro);
    const basic = Number(row.basic);
    return {
      pro,
      basic,
      none: Math.max(0, counts.users_active - pro - basic),
      deactivated: counts.users_inactive,
    };
  }

  private filtered(query: UsersQuery) {
    let q = this.db.selectFrom('scim_users as u');
    const search = query.q?.toLowerCase();
    if (search) {
      q = q.where(
        sql<SqlBool>`(${startsWith('u.user_name_key', search)}
          or ${startsWith('u.display_name_key', search)}
          or ${startsWith('u.given_name_key', search)}
          or ${startsWith('u.family_name_key', search)}
          or u.seq in (select e.user_seq from scim_user_emails e where ${startsWith('e.value_key', search)}))`,
      );
    }
    if (query.status) q = q.where('u.active', '=', query.status === 'active' ? 1 : 0);
    if (query.licence) q = q.where(hasLicence(query.licence));
    return q;
  }

  private async total(query: UsersQuery): Promise<number> {
    if (!query.q && !query.status && !query.licence) {
      return scimCount(this.db, 'users_active', 'users_inactive');
    }
    const row = await this.filtered(query)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async list(query: UsersQuery): Promise<UserList> {
    const total = await this.total(query);
    const offset = (query.page - 1) * query.pageSize;
    if (offset >= total) return { users: [], total, page: query.page, pageSize: query.pageSize };
    const sortColumn = query.sort === 'name' ? 'u.display_name_key' : 'u.user_name_key';
    // Two steps: the page's seqs through an index (sort keys only), then the rows of that page.
    const page = await this.filtered(query)
      .select('u.seq')
      .orderBy(sortColumn, query.order)
      .orderBy('u.seq', query.order)
      .limit(query.pageSize)
      .offset(offset)
      .execute();
    const users = await this.rowsOf(page.map((r) => r.seq));
    return { users, total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Every user the filters select, in the list's order, as row seqs: 8 bytes each, so an export
   * of 100,000 users reads them first and then their rows in batches (users-csv.ts).
   */
  async seqsOf(query: Omit<UsersQuery, 'page' | 'pageSize'>): Promise<number[]> {
    const sortColumn = query.sort === 'name' ? 'u.display_name_key' : 'u.user_name_key';
    const rows = await this.filtered({ ...query, page: 1, pageSize: 1 })
      .select('u.seq')
      .orderBy(sortColumn, query.order)
      .orderBy('u.seq', query.order)
      .execute();
    return rows.map((r) => r.seq);
  }

  /** The rows of these users, in this order; `groupLimit` group names each (all: Infinity). */
  async rowsOf(seqs: number[], groupLimit = USER_ROW_GROUPS): Promise<UserRow[]> {
    if (seqs.length === 0) return [];
    const found = await this.db
      .selectFrom('scim_users as u')
      .leftJoin('end_user_last_sign_in as ls', 'ls.user_id', 'u.id')
      .select([
        'u.seq',
        'u.id',
        'u.user_name',
        'u.active',
        'u.doc',
        'ls.at as last_sign_in',
        'u.licence_rank as rank',
      ])
      .where('u.seq', 'in', seqs)
      .execute();
    const bySeq = new Map(found.map((r) => [r.seq, r]));
    const rows = seqs.flatMap((seq) => bySeq.get(seq) ?? []);
    const groups = await this.groupsOf(
      rows.map((r) => r.seq),
      groupLimit,
    );
    return rows.map((r) => {
      const doc = JSON.parse(r.doc) as Doc;
      const g = groups.get(r.seq);
      return {
        id: r.id,
        name: displayNameOf(doc, r.user_name),
        userName: r.user_name,
        email: emailOf(doc),
        active: r.active === 1,
        licence: RANK_LICENCE[Number(r.rank)] ?? 'none',
        groups: g?.names ?? [],
        groupCount: g?.count ?? 0,
        lastSignInAt: r.last_sign_in,
      };
    });
  }

  /**
   * A few group names per user (Pro, then Basic, then unmapped; by name), and how many in all.
   * The mapping is joined on the group's id: a left join to the view would build it whole.
   */
  private async groupsOf(userSeqs: number[], limit: number) {
    const out = new Map<number, { names: UserRow['groups']; count: number }>();
    if (userSeqs.length === 0) return out;
    const rows = await sql<{
      user_seq: number;
      name: string;
      capability: 'basic' | 'pro' | null;
      n: number;
    }>`select user_seq, name, capability, n from (
        select m.user_seq, g.display_name as name, dm.capability,
          row_number() over (partition by m.user_seq order by
            case dm.capability when 'pro' then 2 when 'basic' then 1 else 0 end desc,
            g.display_name_key) as rn,
          count(*) over (partition by m.user_seq) as n
        from scim_group_members m
        join scim_groups g on g.seq = m.group_seq
        left join directory_group_mappings dm on dm.scim_group_id = g.id
        where m.user_seq in (${sql.join(userSeqs)})
      ) ranked where rn <= ${Number.isFinite(limit) ? limit : 2 ** 31} order by user_seq, rn`.execute(
      this.db,
    );
    for (const r of rows.rows) {
      const entry = out.get(r.user_seq) ?? { names: [], count: Number(r.n) };
      entry.names.push({ name: r.name, capability: r.capability });
      out.set(r.user_seq, entry);
    }
    return out;
  }
}
