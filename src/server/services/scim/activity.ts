import type {
  AttributeChange,
  ProvisioningAction,
  ProvisioningOutcome,
} from '../../../shared/api/activity';
import type { ScimSummary } from '../../../shared/api/scim-summary';
import type { Db } from '../../db/database';
import { isPostgres } from '../../db/dialect';
import { storedAction } from './actions';
import { scimCounts } from './counts';

export interface ScimRequestRecord {
  at: string;
  method: string;
  /** Without the query string: ids stay, filter values (user names) do not. */
  path: string;
  status: number;
  durationMs: number;
  /** The Okta action (`provisioningActionOf`); the client labels it. */
  action: ProvisioningAction;
  outcome: ProvisioningOutcome;
  resourceType: 'User' | 'Group' | null;
  resourceId: string | null;
  resourceName: string | null;
  changes: AttributeChange[];
  notApplied: string[];
  error: string | null;
}

/** The activity of each open database, so tests and shutdown can flush what is queued. */
const byDatabase = new WeakMap<Db, ScimActivity>();

export async function flushScimActivity(db: Db): Promise<void> {
  await byDatabase.get(db)?.flush();
}

const cut = (text: string | null, max: number) =>
  text === null || text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** How long a record may wait to be written: what another instance's reader can miss. */
export const FLUSH_AFTER_MS = { sqlite: 1000, postgres: 100 };

/**
 * The SCIM request log (what each request stood for, what it changed; never bodies) and the
 * console's summary. Records are queued and written in batches, after the answer has gone out,
 * so that logging costs Okta's requests almost nothing: on PostgreSQL one insert per batch
 * instead of a round trip before every answer. Readers here flush first; on PostgreSQL, readers
 * on another instance see this instance's records at most FLUSH_AFTER_MS.postgres later. A
 * process killed with -9 loses at most that much of the log, never a SCIM change.
 */
export class ScimActivity {
  private pending: ScimRequestRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** Records are written in batches, at most this long after the request. */
  private readonly flushAfterMs: number;

  constructor(
    private readonly db: Db,
    private readonly scimBaseUrl: string,
    flushAfterMs?: number,
  ) {
    this.flushAfterMs =
      flushAfterMs ?? (isPostgres(db) ? FLUSH_AFTER_MS.postgres : FLUSH_AFTER_MS.sqlite);
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

  /** The write not started yet: it takes whatever is queued when the one before it ends. */
  private next: Promise<void> | undefined;

  /**
   * Writes what is queued; resolves once everything queued before the call is stored. Records
   * queued while a write is in flight go together in the next one.
   */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.next) {
      this.next = this.flushing.then(() => {
        this.next = undefined;
        const batch = this.pending;
        this.pending = [];
        return batch.length > 0 ? this.write(batch) : undefined;
      });
      this.flushing = this.next.catch(() => {});
    }
    await this.next;
  }

  private async write(batch: ScimRequestRecord[]): Promise<void> {
    await this.db
      .insertInto('scim_requests')
      .values(
        batch.map((entry) => ({
          at: entry.at,
          method: entry.method,
          path: entry.path.slice(0, 500),
          status: entry.status,
          duration_ms: Math.round(entry.durationMs * 10) / 10,
          kind: entry.action,
          outcome: entry.outcome,
          resource_type: entry.resourceType,
          resource_id: cut(entry.resourceId, 200),
          resource_name: cut(entry.resourceName, 512),
          resource_key: cut(entry.resourceName, 512)?.toLowerCase() ?? null,
          changes: entry.changes.length > 0 ? JSON.stringify(entry.changes) : null,
          not_applied: entry.notApplied.length > 0 ? JSON.stringify(entry.notApplied) : null,
          error: cut(entry.error, 1000),
        })),
      )
      .execute();
  }

  /** Deletes the requests recorded before `cutoff` (ISO time). */
  async pruneBefore(cutoff: string): Promise<void> {
    await this.flush();
    await this.db.deleteFrom('scim_requests').where('at', '<', cutoff).execute();
  }

  async summary(): Promise<ScimSummary> {
    await this.flush();
    const counts = await scimCounts(this.db);
    const last = await this.db
      .selectFrom('scim_requests')
      .select(['at', 'method', 'path', 'status', 'kind'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return {
      scimBaseUrl: this.scimBaseUrl,
      users: { active: counts.users_active, deactivated: counts.users_inactive },
      groups: counts.groups,
      lastRequest: last
        ? {
            at: last.at,
            method: last.method,
            path: last.path,
            status: last.status,
            action: storedAction(last.kind),
          }
        : null,
    };
  }
}
