import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  DirectoryUser,
  directoryUsersQuery,
  EventPage,
  eventsQuery,
} from '../../../shared/api/events';
import type { Db } from '../../db/database';
import { positionEvents } from '../../db/event-positions';
import { invalidField, ServiceError } from '../errors';
import { LICENCE_RANK, RANK_LICENCE } from '../licences';
import { decodeCursor, encodeCursor, eventCursorSeq, UNKNOWN_CURSOR } from './event-cursor';
import { SEAT } from './licence-watch';
import { userSummary } from './outbox';

/**
 * The read-only API for the application's backend. Events are read after a cursor checked by
 * eventCursorSeq.
 * With SQLite's single writer, seq order is commit order; on PostgreSQL committed events are
 * given their seq first (positionEvents): either way a reader after `seq` never misses a later
 * commit with a smaller seq.
 */
export class ReadApi {
  constructor(
    private readonly db: Db,
    /** ACTIVITY_RETENTION_DAYS, for the message to a reader whose cursor is too old. */
    private readonly retentionDays: number,
  ) {}

  async events(query: z.output<typeof eventsQuery>): Promise<EventPage> {
    await positionEvents(this.db);
    const after = await eventCursorSeq(this.db, query.after, this.retentionDays);
    const rows = await this.db
      .selectFrom('events')
      .select(['seq', 'id', 'type', 'occurred_at', 'data'])
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const events = page.map((r) => ({
      id: r.id,
      type: r.type,
      timestamp: r.occurred_at,
      data: JSON.parse(r.data) as Record<string, unknown>,
      cursor: encodeCursor(`e:${r.seq}:${r.id}`),
    }));
    const last = events[events.length - 1];
    return {
      events,
      next: last ? last.cursor : (query.after ?? encodeCursor('e:0:')),
      hasMore: rows.length > query.limit,
    };
  }

  private keyset(cursor: string | undefined, kind: 'u' | 'g'): number {
    if (cursor === undefined || cursor === '') return 0;
    const match = new RegExp(`^${kind}:(\\d{1,15})$`).exec(decodeCursor(cursor));
    if (!match) throw invalidField('cursor', UNKNOWN_CURSOR);
    return Number(match[1]);
  }

  private userRows() {
    return this.db
      .selectFrom('scim_users as u')
      .select([
        'u.seq',
        'u.id',
        'u.doc',
        'u.active',
        'u.licence_rank',
        SEAT.as('seat'),
        'u.created_at',
        'u.last_modified',
      ]);
  }

  private toUser(r: {
    id: string;
    doc: string;
    licence_rank: number;
    seat: number;
    created_at: string;
    last_modified: string;
  }): DirectoryUser {
    const s = userSummary(r.id, r.doc);
    return {
      id: r.id,
      userName: s.userName,
      externalId: s.externalId,
      displayName: s.displayName,
      email: s.email,
      active: s.active,
      licence: RANK_LICENCE[r.seat] ?? 'none',
      groupLicence: RANK_LICENCE[r.licence_rank] ?? 'none',
      createdAt: r.created_at,
      updatedAt: r.last_modified,
    };
  }

  async users(query: z.output<typeof directoryUsersQuery>) {
    let q = this.userRows().where('u.seq', '>', this.keyset(query.cursor, 'u'));
    if (query.licence) q = q.where(sql<boolean>`${SEAT} = ${LICENCE_RANK[query.licence]}`);
    if (query.updated_since) {
      q = q.where('u.last_modified', '>=', new Date(query.updated_since).toISOString());
    }
    const rows = await q
      .orderBy('u.seq')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      users: page.map((r) => this.toUser(r)),
      next: rows.length > query.limit && last ? encodeCursor(`u:${last.seq}`) : null,
    };
  }

  async user(id: string) {
    const row = await this.userRows().where('u.id', '=', id).executeTakeFirst();
    if (!row) throw new ServiceError('not-found', 'There is no user with this id.');
    const groups = await this.db
      .selectFrom('scim_group_members as m')
      .innerJoin('scim_groups as g', 'g.seq', 'm.group_seq')
      .select(['g.id', 'g.display_name'])
      .where('m.user_seq', '=', row.seq)
      .orderBy('g.display_name_key')
      .execute();
    return {
      ...this.toUser(row),
      groups: groups.map((g) => ({ id: g.id, displayName: g.display_name })),
    };
  }

  async groups(query: { cursor?: string | undefined; limit: number }) {
    const rows = await this.db
      .selectFrom('scim_groups as g')
      .leftJoin('directory_mapped_groups as mg', 'mg.group_seq', 'g.seq')
      .select([
        'g.seq',
        'g.id',
        'g.display_name',
        'mg.capability',
        sql<number>`(select count(*) from scim_group_members m where m.group_seq = g.seq)`.as('n'),
      ])
      .where('g.seq', '>', this.keyset(query.cursor, 'g'))
      .orderBy('g.seq')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      groups: page.map((r) => ({
        id: r.id,
        displayName: r.display_name,
        members: Number(r.n),
        licence: r.capability ?? null,
      })),
      next: rows.length > query.limit && last ? encodeCursor(`g:${last.seq}`) : null,
    };
  }
}
