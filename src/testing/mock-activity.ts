/**
 * What the mock server does with provisioning activity, the audit log, sync health and
 * deprovisioning bursts: the same filtering, ordering and paging as the real one, over the arrays
 * in mockBackend. Pure functions; msw.ts turns their results into replies.
 */
import type { z } from 'zod';
import type {
  ActivityChart,
  AuditEntry,
  AuditLogPage,
  auditLogQuery,
  DeprovisioningBurst,
  ProvisioningActivityPage,
  ProvisioningEntry,
  provisioningActivityQuery,
  provisioningExportQuery,
  SyncHealth,
  SyncWarning,
  UserRow,
} from '../shared/api';

const HOUR = 3_600_000;

type TimeBounds = { from?: string; to?: string };

function within({ from, to }: TimeBounds, at: string): boolean {
  const time = Date.parse(at);
  return (!from || time >= Date.parse(from)) && (!to || time < Date.parse(to));
}

const newestFirst = <T extends { at: string; id: number }>(rows: T[]) =>
  [...rows].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id - a.id);

function page<T>(rows: T[], query: { page: number; pageSize: number }) {
  const start = (query.page - 1) * query.pageSize;
  return {
    entries: rows.slice(start, start + query.pageSize),
    total: rows.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export function selectProvisioning(
  entries: ProvisioningEntry[],
  query: z.output<typeof provisioningExportQuery>,
): ProvisioningEntry[] {
  const subject = query.subject?.toLowerCase();
  return newestFirst(
    entries.filter(
      (e) =>
        (!query.action || e.action === query.action) &&
        (!query.outcome || e.outcome === query.outcome) &&
        within(query, e.at) &&
        (!subject ||
          (e.resourceName ?? '').toLowerCase().startsWith(subject) ||
          (e.resourceId ?? '').toLowerCase() === subject),
    ),
  );
}

export function listProvisioning(
  entries: ProvisioningEntry[],
  query: z.output<typeof provisioningActivityQuery>,
): ProvisioningActivityPage {
  return page(selectProvisioning(entries, query), query);
}

export function provisioningCsv(entries: ProvisioningEntry[]): string {
  const cell = (value: string | number | null) => `"${String(value ?? '').replace(/"/g, '""')}"`;
  const head = ['time', 'action', 'method', 'path', 'resource', 'status', 'outcome', 'error'];
  const rows = entries.map((e) =>
    [e.at, e.action, e.method, e.path, e.resourceName, e.status, e.outcome, e.error]
      .map(cell)
      .join(','),
  );
  return [head.join(','), ...rows].join('\r\n');
}

export function listAudit(
  entries: AuditEntry[],
  query: z.output<typeof auditLogQuery>,
): AuditLogPage {
  const actor = query.actor?.toLowerCase();
  const matching = entries.filter(
    (e) =>
      (!query.kind || e.kind === query.kind) &&
      (!actor || e.actor.toLowerCase().startsWith(actor)) &&
      within(query, e.at),
  );
  return page(newestFirst(matching), query);
}

/** Hourly buckets over the last `hours` hours, oldest first, counted from the entries. */
export function chartOf(entries: ProvisioningEntry[], hours: number, now: number): ActivityChart {
  const end = Math.floor(now / HOUR) * HOUR + HOUR;
  const first = end - hours * HOUR;
  const buckets = Array.from({ length: hours }, (_, i) => ({
    start: new Date(first + i * HOUR).toISOString(),
    success: 0,
    error: 0,
  }));
  for (const entry of entries) {
    const bucket = buckets[Math.floor((Date.parse(entry.at) - first) / HOUR)];
    if (!bucket) continue;
    if (entry.outcome === 'error') bucket.error += 1;
    else bucket.success += 1;
  }
  return { bucketMinutes: 60, buckets };
}

export function syncHealthOf(
  state: {
    provisioning: ProvisioningEntry[];
    syncWarnings: SyncWarning[];
    bursts: DeprovisioningBurst[];
  },
  now: number,
): SyncHealth {
  const lastByAction: SyncHealth['lastByAction'] = [];
  for (const entry of newestFirst(state.provisioning)) {
    if (lastByAction.some((last) => last.action === entry.action)) continue;
    const { action, at, status, outcome } = entry;
    lastByAction.push({ action, at, status, outcome });
  }
  const recent = state.provisioning.filter((e) => Date.parse(e.at) > now - 24 * HOUR);
  const errors = recent.filter((e) => e.outcome === 'error').length;
  return {
    lastByAction,
    last24h: {
      requests: recent.length,
      errors,
      errorRate: recent.length === 0 ? 0 : errors / recent.length,
    },
    warnings: state.syncWarnings,
    openBursts: state.bursts
      .filter((b) => b.reactivatedAt === null)
      .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt)),
  };
}

/** Sets the burst's users active again; `null` when there is no such burst. */
export function reactivate(
  state: { bursts: DeprovisioningBurst[]; burstUsers: Record<number, string[]>; users: UserRow[] },
  id: number,
  by: string,
): { burst: DeprovisioningBurst; reactivated: number; users: UserRow[] } | 'not_found' | 'done' {
  const burst = state.bursts.find((b) => b.id === id);
  if (!burst) return 'not_found';
  if (burst.reactivatedAt) return 'done';
  const ids = new Set(state.burstUsers[id] ?? []);
  let reactivated = ids.size === 0 ? burst.deactivated : 0;
  const users = state.users.map((u) => {
    if (!ids.has(u.id) || u.active) return u;
    reactivated += 1;
    return { ...u, active: true };
  });
  return {
    burst: { ...burst, reactivatedAt: new Date().toISOString(), reactivatedBy: by },
    reactivated,
    users,
  };
}
