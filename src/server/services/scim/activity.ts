import type { ScimSummary } from '../../../shared/api/scim-summary';
import type { Db } from '../../db/database';

export interface ScimRequestRecord {
  at: string;
  method: string;
  /** Without the query string: ids stay, filter values (user names) do not. */
  path: string;
  status: number;
  durationMs: number;
  action: string;
}

/** The activity of each open database, so tests and shutdown can flush what is queued. */
const byDatabase = new WeakMap<Db, ScimActivity>();

export async function flushScimActivity(db: Db): Promise<void> {
  await byDatabase.get(db)?.flush();
}

/** Rows kept in scim_requests; older ones are pruned now and then. */
const KEEP = 10_000;

/** The SCIM request log (method, path, status, action; never bodies) and the console's summary. */
export class ScimActivity {
  private sincePrune = 0;
  private pending: ScimRequestRecord[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly scimBaseUrl: string,
    /** Records are written in batches, at most this long after the request. */
    private readonly flushAfterMs = 1000,
  ) {
    byDatabase.set(db, this);
  }

  /** Queues one record; a batch is written within `flushAfterMs`, or at 200 records. */
  async record(entry: ScimRequestRecord): Promise<void> {
    this.pending.push(entry);
    if (this.pending.length >= 200) await this.flush();
    else {
      this.timer ??= setTimeout(() => {
        this.flush().catch(() => {});
      }, this.flushAfterMs);
      this.timer.unref();
    }
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    await this.db
      .insertInto('scim_requests')
      .values(
        batch.map((entry) => ({
          at: entry.at,
          method: entry.method,
          path: entry.path.slice(0, 500),
          status: entry.status,
          duration_ms: Math.round(entry.durationMs * 10) / 10,
          action: entry.action,
        })),
      )
      .execute();
    this.sincePrune += batch.length;
    if (this.sincePrune >= 1000) {
      this.sincePrune = 0;
      const newest = await this.db
        .selectFrom('scim_requests')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      const cutoff = Number(newest?.id ?? 0) - KEEP;
      if (cutoff > 0) await this.db.deleteFrom('scim_requests').where('id', '<=', cutoff).execute();
    }
  }

  async summary(): Promise<ScimSummary> {
    await this.flush();
    const counts = await this.db.selectFrom('scim_counts').select(['name', 'value']).execute();
    const count = (name: string) => counts.find((c) => c.name === name)?.value ?? 0;
    const last = await this.db
      .selectFrom('scim_requests')
      .select(['at', 'method', 'path', 'status', 'action'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return {
      scimBaseUrl: this.scimBaseUrl,
      users: { active: count('users_active'), deactivated: count('users_inactive') },
      groups: count('groups'),
      lastRequest: last ?? null,
    };
  }
}
