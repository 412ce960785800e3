import { z } from 'zod';
import { pagingQuery } from './directory-groups';
import { defineEndpoint } from './endpoint';
import { errorResponses } from './errors';

const isoDate = z.iso.datetime();
const isoDateQuery = z.iso.datetime({
  error: 'Give a date and time such as 2026-11-28T10:00:00Z.',
});

/**
 * The Okta action a SCIM request stands for: the one classification of a request, stored with it
 * and used by the Activity page, Sync health and the summary's "Last SCIM request". Labels for
 * people live in the client (`provisioningActionLabels`): "Test connection", "Look up user"...
 * Values are only ever added: stored rows keep theirs.
 */
export const provisioningAction = z.enum([
  'test_connection',
  /** GET /Users or /Groups without a filter: import, paging, the list after saving settings. */
  'import',
  /** GET /Users?filter=...: before a create, on reassignment, on Test connector configuration. */
  'lookup_user',
  /** GET /Users/{id}: before a profile update. */
  'get_user',
  'create_user',
  'update_user',
  'deactivate_user',
  'reactivate_user',
  /** DELETE /Users/{id}: Okta never sends it, other clients may. */
  'delete_user',
  /** GET /Groups?filter=... */
  'lookup_group',
  /** GET /Groups/{id} */
  'get_group',
  'push_group',
  'rename_group',
  'add_members',
  'remove_members',
  'unlink_group',
  /** GET /ServiceProviderConfig, /ResourceTypes, /Schemas (Okta reads none of them). */
  'read_configuration',
  'other',
]);
export type ProvisioningAction = z.infer<typeof provisioningAction>;

/**
 * success: 2xx and applied as sent; not_applied: 2xx, but part of what Okta sent was accepted
 * without effect (an unknown attribute, a member already there...); error: 4xx or 5xx.
 */
export const provisioningOutcome = z.enum(['success', 'not_applied', 'error']);
export type ProvisioningOutcome = z.infer<typeof provisioningOutcome>;

/** One attribute a request changed. Values are JSON-encoded text, cut at 500 characters. */
export const attributeChange = z.object({
  attribute: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type AttributeChange = z.infer<typeof attributeChange>;

export const provisioningEntry = z.object({
  id: z.number().int().positive(),
  at: isoDate,
  method: z.string(),
  /** Without the query string. */
  path: z.string(),
  action: provisioningAction,
  outcome: provisioningOutcome,
  status: z.number().int(),
  durationMs: z.number().min(0),
  resourceType: z.enum(['User', 'Group']).nullable(),
  /** The SCIM id of the user or group, when there is one. */
  resourceId: z.string().nullable(),
  /** userName or group displayName, as it was after the request (before it, for a delete). */
  resourceName: z.string().nullable(),
  changes: z.array(attributeChange),
  /** What was accepted but not applied, one sentence each. */
  notApplied: z.array(z.string()),
  /** The SCIM error detail for an error, else null. */
  error: z.string().nullable(),
});
export type ProvisioningEntry = z.infer<typeof provisioningEntry>;

const activityFilters = {
  action: provisioningAction.optional(),
  outcome: provisioningOutcome.optional(),
  /** Inclusive lower and exclusive upper bound on the time. */
  from: isoDateQuery.optional(),
  to: isoDateQuery.optional(),
  /** A user or group: the start of its userName or displayName, or its SCIM id, ignoring case. */
  subject: z.string().trim().max(320, 'Search with at most 320 characters.').optional(),
};

export const RANGE_BACKWARDS_MESSAGE = 'Choose an end after the start of the time range.';

/** Both bounds set, and the end not after the start: such a range selects nothing. */
export function endsBeforeStart({ from, to }: { from?: string; to?: string }): boolean {
  return Boolean(from && to && Date.parse(to) <= Date.parse(from));
}

/** A time range that ends before it starts is refused, with the message on "to". */
function rangeInOrder(query: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (endsBeforeStart(query)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: RANGE_BACKWARDS_MESSAGE });
  }
}

export const provisioningActivityQuery = z
  .strictObject({ ...pagingQuery, ...activityFilters })
  .superRefine(rangeInOrder);
export type ProvisioningActivityQuery = z.input<typeof provisioningActivityQuery>;
export const provisioningExportQuery = z.strictObject(activityFilters).superRefine(rangeInOrder);

export const provisioningActivityPage = z.object({
  entries: z.array(provisioningEntry),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type ProvisioningActivityPage = z.infer<typeof provisioningActivityPage>;

export const auditKind = z.enum([
  'admin_sign_in',
  'admin_sign_in_failed',
  'admin_sign_out',
  'admin_added',
  'admin_removed',
  'admin_password_changed',
  'incoming_keys_saved',
  /** "Verify now": the stored keys checked with Okta again, and whether they still work. */
  'incoming_keys_verified',
  'access_key_created',
  'access_key_revoked',
  'group_mapping_added',
  'group_mapping_changed',
  'group_mapping_removed',
  'end_user_refused',
  'users_reactivated',
  'application_added',
  'application_secret_rotated',
  'application_removed',
  'webhook_added',
  'webhook_changed',
  'webhook_removed',
  'webhook_test_sent',
  'webhook_resent',
  'api_key_created',
  'api_key_revoked',
]);
export type AuditKind = z.infer<typeof auditKind>;

export const auditEntry = z.object({
  id: z.number().int().positive(),
  at: isoDate,
  kind: auditKind,
  /** The admin's email; the typed email for a failed sign-in; "system" or the end user otherwise. */
  actor: z.string(),
  /** What was done, in one sentence without any secret: "Mapped group Engineering to Pro". */
  summary: z.string(),
  /** Non-secret details: ids, names, capability before and after, refusal reason. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditLogQuery = z
  .strictObject({
    ...pagingQuery,
    kind: auditKind.optional(),
    /** The start of the actor, ignoring case. */
    actor: z.string().trim().max(320, 'Search with at most 320 characters.').optional(),
    from: isoDateQuery.optional(),
    to: isoDateQuery.optional(),
  })
  .superRefine(rangeInOrder);
export type AuditLogQuery = z.input<typeof auditLogQuery>;

export const auditLogPage = z.object({
  entries: z.array(auditEntry),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type AuditLogPage = z.infer<typeof auditLogPage>;

/** The main page's chart covers the last 7 days, hour by hour. */
export const CHART_HOURS = 168;

export const activityChartQuery = z.strictObject({
  /** The last this many hours, in hourly buckets (24 to 720 hours; the default is 7 days). */
  hours: z.coerce
    .number({ error: 'Give a number of hours from 24 to 720.' })
    .int('Give a whole number of hours.')
    .min(24, 'Give a number of hours from 24 to 720.')
    .max(720, 'Give a number of hours from 24 to 720.')
    .default(CHART_HOURS),
});

export const activityChart = z.object({
  bucketMinutes: z.number().int().positive(),
  /** Oldest first; every bucket present, also the empty ones. */
  buckets: z.array(
    z.object({
      start: isoDate,
      success: z.number().int().min(0),
      error: z.number().int().min(0),
    }),
  ),
});
export type ActivityChart = z.infer<typeof activityChart>;

export const syncWarning = z.object({
  kind: z.enum(['okta_silent', 'repeated_failure', 'access_key_unused', 'deprovisioning_burst']),
  /** What is wrong and what to do, in words for the admin. */
  message: z.string(),
});
export type SyncWarning = z.infer<typeof syncWarning>;

export const deprovisioningBurst = z.object({
  id: z.number().int().positive(),
  startedAt: isoDate,
  lastAt: isoDate,
  /** Users deactivated in the burst, and their share of the users active before it. */
  deactivated: z.number().int().min(0),
  share: z.number().min(0).max(1),
  /** Set once an admin reactivated the burst's users. */
  reactivatedAt: isoDate.nullable(),
  reactivatedBy: z.string().nullable(),
});
export type DeprovisioningBurst = z.infer<typeof deprovisioningBurst>;

export const syncHealth = z.object({
  /** The most recent request of each action Okta has sent. */
  lastByAction: z.array(
    z.object({
      action: provisioningAction,
      at: isoDate,
      status: z.number().int(),
      outcome: provisioningOutcome,
    }),
  ),
  last24h: z.object({
    requests: z.number().int().min(0),
    errors: z.number().int().min(0),
    /** errors / requests, 0 when there were none. */
    errorRate: z.number().min(0).max(1),
  }),
  warnings: z.array(syncWarning),
  /** Bursts not reactivated yet, newest first; the page shows an alert with an undo for each. */
  openBursts: z.array(deprovisioningBurst),
});
export type SyncHealth = z.infer<typeof syncHealth>;

export const burstParams = z.strictObject({
  id: z.coerce
    .number({ error: 'Expected a burst id.' })
    .int('Expected a burst id.')
    .positive('Expected a burst id.'),
});

export const reactivationResult = z.object({
  burst: deprovisioningBurst,
  /** Users set active again (those Okta deactivated in the burst and still deactivated). */
  reactivated: z.number().int().min(0),
});

export const listProvisioningActivity = defineEndpoint({
  method: 'GET',
  path: '/api/activity/provisioning',
  summary:
    'SCIM requests Okta sent, labelled by Okta action, with what changed; filtered and paged',
  auth: 'admin',
  query: provisioningActivityQuery,
  responses: { 200: provisioningActivityPage, 400: errorResponses[400], 401: errorResponses[401] },
});

export const exportProvisioningActivity = defineEndpoint({
  method: 'GET',
  path: '/api/activity/provisioning/export',
  summary: 'The same entries as CSV (text/csv), every page of what the filters select',
  auth: 'admin',
  query: provisioningExportQuery,
  responses: { 200: z.string(), 400: errorResponses[400], 401: errorResponses[401] },
  successType: 'text/csv',
});

export const getActivityChart = defineEndpoint({
  method: 'GET',
  path: '/api/activity/chart',
  summary: 'Provisioning requests per hour, successes against errors',
  auth: 'admin',
  query: activityChartQuery,
  responses: { 200: activityChart, 400: errorResponses[400], 401: errorResponses[401] },
});

export const listAuditLog = defineEndpoint({
  method: 'GET',
  path: '/api/audit',
  summary: 'Admin changes, admin sign-ins and end-user refusals: who, when and what; paged',
  auth: 'admin',
  query: auditLogQuery,
  responses: { 200: auditLogPage, 400: errorResponses[400], 401: errorResponses[401] },
});

export const getSyncHealth = defineEndpoint({
  method: 'GET',
  path: '/api/sync-health',
  summary: 'Last request of each kind, 24-hour error rate, warnings and deprovisioning bursts',
  auth: 'admin',
  responses: { 200: syncHealth, 401: errorResponses[401] },
});

export const reactivateBurst = defineEndpoint({
  method: 'POST',
  path: '/api/deprovisioning-bursts/:id/reactivate',
  summary: "Reactivates every user a deprovisioning burst deactivated (Okta's view is unchanged)",
  auth: 'admin',
  params: burstParams,
  responses: {
    200: reactivationResult,
    404: errorResponses[400],
    409: errorResponses[400],
    ...errorResponses,
  },
});
