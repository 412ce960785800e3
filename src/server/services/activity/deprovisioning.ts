import { sql } from 'kysely';
import type { DeprovisioningBurst } from '../../../shared/api/activity';
import type { Db } from '../../db/database';
import { isPostgres } from '../../db/dialect';
import { lockInTransaction } from '../../db/locks';
import type { Database } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { ServiceError } from '../errors';
import { LicenceWatch } from '../events/licence-watch';
import { appendEvents, userEvent } from '../events/outbox';
import { scimCount } from '../scim/counts';
import { chunks } from '../scim/groups';

export interface DeprovisioningOptions {
  /** Deactivations within this many minutes count as one burst. */
  windowMinutes: number;
  /** A burst opens when its deactivations exceed this share of the users active before it, */
  alertShare: number;
  /** and number at least this many: in a small org one deactivation is a large share. */
  minBurst: number;
}

type BurstRow = Database['deprovisioning_bursts'] & { id: number };

export function toBurst(row: BurstRow): DeprovisioningBurst {
  return {
    id: row.id,
    startedAt: row.started_at,
    lastAt: row.last_at,
    deactivated: row.deactivated,
    share: Math.min(1, row.active_before > 0 ? row.deactivated / row.active_before : 1),
    reactivatedAt: row.reactivated_at,
    reactivatedBy: row.reactivated_by,
  };
}

/**
 * The deprovisioning safety net. Every deactivation Okta sends is noted; when those within the
 * window number at least the minimum burst and exceed the alert share of the users active before
 * them, a burst opens and collects them all, and every further one while deactivations keep
 * coming within the window. SCIM answers are untouched: Okta sees what it expects. An admin can
 * then reactivate the burst's users at once.
 */
export class DeprovisioningGuard {
  constructor(
    private readonly db: Db,
    private readonly options: DeprovisioningOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The same guard working through `db`, a transaction the caller holds. */
  withDb(db: Db): DeprovisioningGuard {
    return new DeprovisioningGuard(db, this.options, this.now);
  }

  private get windowMs() {
    return this.options.windowMinutes * 60_000;
  }

  /** Called after a SCIM request deactivated (active false) or reactivated a user. */
  async observe(userId: string, active: boolean): Promise<void> {
    if (active) return;
    const now = this.now();
    const at = now.toISOString();
    const windowStart = new Date(now.getTime() - this.windowMs).toISOString();
    await inTransaction(this.db, async (trx) => {
      // Two instances must not both open a burst for the same deactivations.
      await lockInTransaction(trx, 'deprovisioning');
      const { id } = await trx
        .insertInto('scim_deactivations')
        .values({ at, user_id: userId, burst_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      const open = await trx
        .selectFrom('deprovisioning_bursts')
        .select('id')
        .where('reactivated_at', 'is', null)
        .where('last_at', '>=', windowStart)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (open) {
        await trx
          .updateTable('scim_deactivations')
          .set({ burst_id: open.id })
          .where('id', '=', id)
          .execute();
        await this.recount(trx, open.id, at);
        return;
      }
      // Users deactivated in the window and still deactivated, this one included.
      const inWindow = await trx
        .selectFrom('scim_deactivations as d')
        .innerJoin('scim_users as u', 'u.id', 'd.user_id')
        .select([
          (eb) => eb.fn.count<number>('d.user_id').distinct().as('n'),
          (eb) => eb.fn.min<string>('d.at').as('first'),
        ])
        .where('d.burst_id', 'is', null)
        .where('d.at', '>', windowStart)
        .where('u.active', '=', 0)
        .executeTakeFirstOrThrow();
      const deactivated = Number(inWindow.n);
      const activeBefore = (await scimCount(trx, 'users_active')) + deactivated;
      const minimum = Math.max(1, this.options.minBurst);
      if (deactivated < minimum || deactivated / activeBefore <= this.options.alertShare) return;
      const burst = await trx
        .insertInto('deprovisioning_bursts')
        .values({
          started_at: inWindow.first ?? at,
          last_at: at,
          deactivated,
          active_before: activeBefore,
          reactivated_at: null,
          reactivated_by: null,
          reactivated_count: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('scim_deactivations')
        .set({ burst_id: burst.id })
        .where('burst_id', 'is', null)
        .where('at', '>', windowStart)
        .execute();
    });
  }

  private async recount(trx: Db, burstId: number, at: string) {
    await sql`update deprovisioning_bursts set last_at = ${at}, deactivated =
      (select count(distinct user_id) from scim_deactivations where burst_id = ${burstId})
      where id = ${burstId}`.execute(trx);
  }

  /** Bursts not reactivated yet, newest first. */
  async open(): Promise<DeprovisioningBurst[]> {
    const rows = await this.db
      .selectFrom('deprovisioning_bursts')
      .selectAll()
      .where('reactivated_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(20)
      .execute();
    return rows.map((r) => toBurst(r as BurstRow));
  }

  /**
   * Sets the burst's users that are still deactivated active again. Throws not-found for an
   * unknown burst and conflict for one already reactivated.
   */
  async reactivate(
    burstId: number,
    adminEmail: string,
  ): Promise<{ burst: DeprovisioningBurst; reactivated: number }> {
    return inTransaction(this.db, async (trx) => {
      await lockInTransaction(trx, 'deprovisioning');
      const row = await trx
        .selectFrom('deprovisioning_bursts')
        .selectAll()
        .where('id', '=', burstId)
        .executeTakeFirst();
      if (!row)
        throw new ServiceError('not-found', 'There is no deprovisioning burst with this id.');
      if (row.reactivated_at !== null) {
        throw new ServiceError(
          'conflict',
          `The users of this burst were already reactivated by ${row.reactivated_by ?? 'an admin'}.`,
        );
      }
      const users = await trx
        .selectFrom('scim_deactivations')
        .select('user_id')
        .distinct()
        .where('burst_id', '=', burstId)
        .execute();
      const at = this.now().toISOString();
      let reactivated = 0;
      const watch = new LicenceWatch(trx, 'reactivation');
      for (const part of chunks(users.map((u) => u.user_id))) {
        const asleep = await trx
          .selectFrom('scim_users')
          .select('seq')
          .where('id', 'in', part)
          .where('active', '=', 0)
          .execute();
        const seqs = asleep.map((r) => r.seq);
        if (seqs.length === 0) continue;
        await watch.capture(seqs);
        reactivated += await this.setActive(trx, part, at);
        const rows = await trx
          .selectFrom('scim_users')
          .select(['id', 'doc'])
          .where('seq', 'in', seqs)
          .execute();
        await appendEvents(
          trx,
          rows.map((r) => userEvent('user.reactivated', r.id, r.doc)),
        );
      }
      await watch.emit();
      const updated = await trx
        .updateTable('deprovisioning_bursts')
        .set({ reactivated_at: at, reactivated_by: adminEmail, reactivated_count: reactivated })
        .where('id', '=', burstId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { burst: toBurst(updated as BurstRow), reactivated };
    });
  }

  /**
   * Sets these users, those still deactivated, active (column and document). SQLite edits the
   * JSON in place; PostgreSQL's JSON functions would reorder the document's keys, so there the
   * documents are read (locked) and written back.
   */
  private async setActive(trx: Db, ids: string[], at: string): Promise<number> {
    if (!isPostgres(trx)) {
      const result = await trx
        .updateTable('scim_users')
        .set({
          active: 1,
          doc: sql<string>`json_set(doc, '$.active', json('true'))`,
          last_modified: at,
        })
        .where('id', 'in', ids)
        .where('active', '=', 0)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    }
    const rows = await trx
      .selectFrom('scim_users')
      .select(['seq', 'doc'])
      .where('id', 'in', ids)
      .where('active', '=', 0)
      .forUpdate()
      .execute();
    for (const row of rows) {
      const doc = { ...(JSON.parse(row.doc) as Record<string, unknown>), active: true };
      await trx
        .updateTable('scim_users')
        .set({ active: 1, doc: JSON.stringify(doc), last_modified: at })
        .where('seq', '=', row.seq)
        .execute();
    }
    return rows.length;
  }

  /** Drops bursts (and their deactivations) older than `cutoff`, and lone deactivations past the window. */
  async pruneBefore(cutoff: string): Promise<void> {
    await this.db.deleteFrom('deprovisioning_bursts').where('last_at', '<', cutoff).execute();
    const windowStart = new Date(this.now().getTime() - this.windowMs).toISOString();
    await this.db
      .deleteFrom('scim_deactivations')
      .where('burst_id', 'is', null)
      .where('at', '<', windowStart)
      .execute();
  }
}
