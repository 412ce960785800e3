import type { z } from 'zod';
import type {
  AuditEntry,
  AuditKind,
  AuditLogPage,
  auditLogQuery,
} from '../../../shared/api/activity';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';

type Details = Record<string, string | number | boolean | null>;

export interface AuditInput {
  kind: AuditKind;
  /** The admin's email, the typed email of a failed sign-in, the end user, or "system". */
  actor: string;
  /** One sentence, never a secret. */
  summary: string;
  details?: Details;
}

export type AuditLogQuery = z.output<typeof auditLogQuery>;

const MAX_CHAR = '\u{10FFFF}';
/** Kinds anyone can cause without signing in: the newest this many of each are kept. */
const FLOODABLE: ReadonlySet<AuditKind> = new Set(['admin_sign_in_failed', 'end_user_refused']);
const KEEP_FLOODABLE = 10_000;
const CAP_EVERY = 100;

const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * Who did what, when: admin changes, admin sign-ins, end-user refusals. Callers pass only
 * non-secret values; nothing here ever receives a password, a key, a client secret or a cookie.
 */
export class AuditLog {
  private sinceCap = 0;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Runs an admin change and records its entry in one transaction: both are stored, or neither
   * (and the change's caller sees the failure). `change` must use only `trx`, and no network.
   */
  async recorded<T>(
    change: (trx: Db) => Promise<T>,
    entry: (result: T) => AuditInput | undefined,
  ): Promise<T> {
    return inTransaction(this.db, async (trx) => {
      const result = await change(trx);
      const input = entry(result);
      if (input) await this.record(input, trx);
      return result;
    });
  }

  /** Writes one entry, through `db` when it is part of a transaction. */
  async record(input: AuditInput, db: Db = this.db): Promise<void> {
    const actor = cut(input.actor.trim() || 'system', 320);
    const details: Details = {};
    for (const [key, value] of Object.entries(input.details ?? {})) {
      details[key] = typeof value === 'string' ? cut(value, 500) : value;
    }
    await db
      .insertInto('audit_log')
      .values({
        at: this.now().toISOString(),
        kind: input.kind,
        actor,
        actor_key: actor.toLowerCase(),
        summary: cut(input.summary, 500),
        details: JSON.stringify(details),
      })
      .execute();
    if (FLOODABLE.has(input.kind) && ++this.sinceCap >= CAP_EVERY) {
      this.sinceCap = 0;
      await this.cap(KEEP_FLOODABLE, db);
    }
  }

  /** Failed sign-ins and refusals can be caused by anyone: keep the newest of each bounded. */
  async cap(keep = KEEP_FLOODABLE, db: Db = this.db): Promise<void> {
    for (const kind of FLOODABLE) {
      const edge = await db
        .selectFrom('audit_log')
        .select('id')
        .where('kind', '=', kind)
        .orderBy('id', 'desc')
        .offset(keep)
        .limit(1)
        .executeTakeFirst();
      if (edge) {
        await db
          .deleteFrom('audit_log')
          .where('kind', '=', kind)
          .where('id', '<=', edge.id)
          .execute();
      }
    }
  }

  async list(query: AuditLogQuery): Promise<AuditLogPage> {
    let base = this.db.selectFrom('audit_log');
    if (query.kind) base = base.where('kind', '=', query.kind);
    if (query.actor) {
      const key = query.actor.toLowerCase();
      base = base.where('actor_key', '>=', key).where('actor_key', '<', key + MAX_CHAR);
    }
    if (query.from) base = base.where('at', '>=', new Date(query.from).toISOString());
    if (query.to) base = base.where('at', '<', new Date(query.to).toISOString());
    const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await base
      .select(['id', 'at', 'kind', 'actor', 'summary', 'details'])
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    const entries: AuditEntry[] = rows.map((r) => ({
      id: r.id,
      at: r.at,
      kind: r.kind as AuditKind,
      actor: r.actor,
      summary: r.summary,
      details: JSON.parse(r.details) as Details,
    }));
    return { entries, total: Number(count?.n ?? 0), page: query.page, pageSize: query.pageSize };
  }

  async pruneBefore(cutoff: string): Promise<void> {
    await this.db.deleteFrom('audit_log').where('at', '<', cutoff).execute();
  }
}
