import {
  type AuditKind,
  type AuditLogQuery,
  auditKind,
  type ProvisioningAction,
  type ProvisioningActivityQuery,
  type ProvisioningOutcome,
  provisioningAction,
  provisioningOutcome,
} from '../../../../shared/api/activity';
import { boundsOf, type TimeRange, timeRangeFromSearch, writeTimeRange } from './time-range';

export const ACTIVITY_PAGE_SIZES = [25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 25;

interface Paging {
  page: number;
  pageSize: number;
}

/** The Provisioning tab's filters, as the address carries them. */
export interface ProvisioningFilters extends TimeRange, Paging {
  action?: ProvisioningAction;
  outcome?: ProvisioningOutcome;
  /** A user or group: the start of its name, or its SCIM id. */
  subject: string;
}

/** The Audit log tab's filters, as the address carries them. */
export interface AuditFilters extends TimeRange, Paging {
  kind?: AuditKind;
  actor: string;
}

function positive(value: string | null, fallback: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

function pagingFromSearch(params: URLSearchParams): Paging {
  return {
    page: positive(params.get('page'), 1, 1_000_000),
    pageSize: positive(params.get('pageSize'), DEFAULT_PAGE_SIZE, 200),
  };
}

function writePaging(params: URLSearchParams, paging: Paging) {
  if (paging.page > 1) params.set('page', String(paging.page));
  if (paging.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(paging.pageSize));
}

const oneOf = <T extends string>(values: readonly T[], value: string | null) =>
  values.find((v) => v === value);

/** Reads the filters from the address; anything unknown falls back to "All". */
export function provisioningFiltersFromSearch(params: URLSearchParams): ProvisioningFilters {
  return {
    action: oneOf(provisioningAction.options, params.get('action')),
    outcome: oneOf(provisioningOutcome.options, params.get('outcome')),
    subject: params.get('subject') ?? '',
    ...timeRangeFromSearch(params),
    ...pagingFromSearch(params),
  };
}

/** The address for these filters: defaults left out, so links stay short. */
export function searchFromProvisioningFilters(filters: ProvisioningFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.outcome) params.set('outcome', filters.outcome);
  if (filters.subject.trim()) params.set('subject', filters.subject.trim());
  writeTimeRange(params, filters);
  writePaging(params, filters);
  return params;
}

/** What the export asks for: every entry the filters select, on all pages. */
export function provisioningExportQueryFor(filters: ProvisioningFilters, now: number) {
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...boundsOf(filters, now),
    ...(filters.subject.trim() ? { subject: filters.subject.trim() } : {}),
  };
}

export function provisioningQueryFor(
  filters: ProvisioningFilters,
  now: number,
): ProvisioningActivityQuery {
  return {
    page: filters.page,
    pageSize: filters.pageSize,
    ...provisioningExportQueryFor(filters, now),
  };
}

export function auditFiltersFromSearch(params: URLSearchParams): AuditFilters {
  return {
    kind: oneOf(auditKind.options, params.get('kind')),
    actor: params.get('actor') ?? '',
    ...timeRangeFromSearch(params),
    ...pagingFromSearch(params),
  };
}

export function searchFromAuditFilters(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams({ tab: 'audit' });
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.actor.trim()) params.set('actor', filters.actor.trim());
  writeTimeRange(params, filters);
  writePaging(params, filters);
  return params;
}

export function auditQueryFor(filters: AuditFilters, now: number): AuditLogQuery {
  return {
    page: filters.page,
    pageSize: filters.pageSize,
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.actor.trim() ? { actor: filters.actor.trim() } : {}),
    ...boundsOf(filters, now),
  };
}
