import type { SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import type {
  ActivityChart,
  AttributeChange,
  ProvisioningActivityPage,
  ProvisioningEntry,
  ProvisioningOutcome,
  provisioningActivityQuery,
  provisioningExportQuery,
} from '../../../shared/api/activity';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { storedAction } from '../scim/actions';
import type { ScimActivity } from '../scim/activity';
import { csvLine } from './csv';

export type ProvisioningQuery = z.output<typeof provisioningActivityQuery>;
export type ProvisioningFilters = z.output<typeof provisioningExportQuery>;

const MAX_CHAR = '\u{10FFFF}';
const HOUR_MS = 3600_000;
/** Rows per read while exporting; the export stops at EXPORT_LIMIT rows, newest first. */
const EXPORT_CHUNK = 2000;
export const EXPORT_LIMIT = 100_000;

interface Row {
  id: number;
  at: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  kind: string;
  outcome: string;
  resource_type: 'User' | 'Group' | null;
  resource_id: string | null;
  resource_name: string | null;
  changes: string | null;
  not_applied: string | null;
  error: string | null;
}

function toEntry(r: Row): ProvisioningEntry {
  return {
    id: r.id,
    at: r.at,
    method: r.method,
    path: r.path,
    action: storedAction(r.kind),
    outcome: r.outcome as ProvisioningOutcome,
    status: r.status,
    durationMs: Math.max(0, r.duration_ms),
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    resourceName: r.resource_name,
    changes: r.changes ? (JSON.parse(r.changes) as AttributeChange[]) : [],
    notApplied: r.not_applied ? (JSON.parse(r.not_applied) as string[]) : [],
    error: r.error,
  };
}

const describeChange = (c: AttributeChange) =>
  `${c.attribute}: ${c.before ?? '(none)'} → ${c.after ?? '(none)'}`;

/** The provisioning activity as the console reads it: filtered pages, CSV, hourly chart. */
export class ProvisioningLog {
  constructor(
    private readonly db: Db,
    private readonly activity: ScimActivity,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private filtered(filters: ProvisioningFilters) {
    let query: SelectQueryBuilder<Database, 'scim_requests', object> =
      this.db.selectFrom('scim_requests');
    if (filters.action) query = query.where('kind', '=', filters.action);
    if (filters.outcome) query = query.where('outcome', '=', filters.outcome);
    if (filters.from) query = query.where('at', '>=', new Date(filters.from).toISOString());
    if (filters.to) query = query.where('at', '<', new Date(filters.to).toISOString());
    const subject = filters.subject?.trim();
    if (subject) {
      const key = subject.toLowerCase();
      query = query.where((eb) =>
        eb.or([
          eb.and([eb('resource_key', '>=', key), eb('resource_key', '<', key + MAX_CHAR)]),
          eb('resource_id', 'in', [...new Set([subject, key])]),
        ]),
      );
    }
    return query;
  }

  private columns(query: ReturnType<ProvisioningLog['filtered']>) {
    return query.select([
      'id',
      'at',
      'method',
      'path',
      'status',
      'duration_ms',
      'kind',
      'outcome',
      'resource_type',
      'resource_id',
      'resource_name',
      'changes',
      'not_applied',
      'error',
    ]);
  }

  async list(query: ProvisioningQuery): Promise<ProvisioningActivityPage> {
    await this.activity.flush();
    const base = this.filtered(query);
    const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await this.columns(base)
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      entries: rows.map((r) => toEntry(r as Row)),
      total: Number(count?.n ?? 0),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Every entry the filters select (newest first, at most EXPORT_LIMIT), as CSV. */
  async exportCsv(filters: ProvisioningFilters): Promise<{ csv: string; truncated: boolean }> {
    await this.activity.flush();
    const parts = [
      csvLine([
        'id',
        'time',
        'action',
        'outcome',
        'status',
        'method',
        'path',
        'resource type',
        'resource id',
        'resource',
        'changes',
        'not applied',
        'error',
        'duration ms',
      ]),
    ];
    let before: number | undefined;
    let written = 0;
    for (;;) {
      let query = this.columns(this.filtered(filters));
      if (before !== undefined) query = query.where('id', '<', before);
      const rows = await query.orderBy('id', 'desc').limit(EXPORT_CHUNK).execute();
      for (const row of rows) {
        if (written >= EXPORT_LIMIT) return { csv: parts.join(''), truncated: true };
        const e = toEntry(row as Row);
        parts.push(
          csvLine([
            e.id,
            e.at,
            e.action,
            e.outcome,
            e.status,
            e.method,
            e.path,
            e.resourceType,
            e.resourceId,
            e.resourceName,
            e.changes.map(describeChange).join('; '),
            e.notApplied.join(' '),
            e.error,
            e.durationMs,
          ]),
        );
        written += 1;
      }
      if (rows.length < EXPORT_CHUNK) return { csv: parts.join(''), truncated: false };
      before = rows[rows.length - 1]?.id;
    }
  }

  /** Requests per hour over the last `hours` hours, the current hour last; empty hours too. */
  async chart(hours: number): Promise<ActivityChart> {
    await this.activity.flush();
    const currentHour = Math.floor(this.now().getTime() / HOUR_MS) * HOUR_MS;
    const first = currentHour - (hours - 1) * HOUR_MS;
    const rows = await this.db
      .selectFrom('scim_requests')
      .select((eb) => [
        eb.fn<string>('substr', ['at', eb.val(1), eb.val(13)]).as('hour'),
        eb.fn.countAll<number>().as('n'),
        eb.fn
          .sum<number>(eb.case().when('outcome', '=', 'error').then(1).else(0).end())
          .as('errors'),
      ])
      .where('at', '>=', new Date(first).toISOString())
      .groupBy('hour')
      .execute();
    const byHour = new Map(rows.map((r) => [r.hour, r]));
    const buckets = [];
    for (let t = first; t <= currentHour; t += HOUR_MS) {
      const start = new Date(t).toISOString();
      const row = byHour.get(start.slice(0, 13));
      const errors = Number(row?.errors ?? 0);
      buckets.push({ start, success: Number(row?.n ?? 0) - errors, error: errors });
    }
    return { bucketMinutes: 60, buckets };
  }
}
