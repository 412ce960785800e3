import { z } from 'zod';
import { defineEndpoint } from './endpoint';
import { apiErrorSchema } from './errors';

/** What an application hears about (webhooks and GET /api/v1/events). Only ever added to. */
export const eventType = z.enum(
  [
    'user.created',
    'user.updated',
    'user.deactivated',
    'user.reactivated',
    'user.deleted',
    'user.licence_changed',
    'group.created',
    'group.renamed',
    'group.deleted',
    'mapping.changed',
  ],
  { error: 'Choose event types from the list.' },
);
export type EventType = z.infer<typeof eventType>;
export const EVENT_TYPES = eventType.options;

/** Sent by "Send test event" only; never in the outbox. */
export const TEST_EVENT_TYPE = 'webhook.test';

/**
 * Why a licence changed. The licence in events is the seat a person holds: none while
 * deactivated, whatever their groups give (the Users page shows the groups' licence apart).
 */
export const licenceCause = z.enum([
  'group_membership',
  'mapping_change',
  'group_deleted',
  'deactivation',
  'reactivation',
  'user_deleted',
]);
export type LicenceCause = z.infer<typeof licenceCause>;

const isoDate = z.iso.datetime();

/**
 * One event, as a webhook body and in the events API. `id` is the `webhook-id` of every delivery
 * of it. `data` by type: `user.*` carry `user` {id, userName, externalId, displayName, email,
 * active} (`user.updated` also `changed`, the attribute names); `user.licence_changed` carries
 * `user`, `before`, `after` (pro, basic, none) and `cause`; `group.*` carry `group` {id,
 * displayName} (`group.renamed` also `previousName`); `mapping.changed` carries `mapping` {id,
 * groupName, groupId, before, after} and `members` (the group's size; a `user.licence_changed` follows for each whose seat moved).
 */
export const eventView = z.object({
  id: z.string(),
  type: z.string(),
  timestamp: isoDate,
  data: z.record(z.string(), z.unknown()),
});
export type EventView = z.infer<typeof eventView>;

const limit = (max: number, def: number) =>
  z.coerce
    .number({ error: `Give a whole number from 1 to ${max}.` })
    .int(`Give a whole number from 1 to ${max}.`)
    .min(1, `Give a whole number from 1 to ${max}.`)
    .max(max, `Give a whole number from 1 to ${max}.`)
    .default(def);
export const cursorField = z.string().max(200, 'This is not a cursor this API gave out.');

export const eventsQuery = z.strictObject({
  /** The `next` of the previous page; omitted: from the oldest event kept. */
  after: cursorField.optional(),
  limit: limit(1000, 100),
});

export const eventPage = z.object({
  /** Oldest first, in commit order. */
  events: z.array(eventView.extend({ cursor: z.string() })),
  /** Ask with `after=next` for what follows; the same cursor when nothing new came. */
  next: z.string(),
  hasMore: z.boolean(),
});
export type EventPage = z.infer<typeof eventPage>;

/** The answers of every /api/v1 endpoint that can fail before its own checks. */
export const apiKeyErrors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  429: apiErrorSchema,
} as const;

export const listEvents = defineEndpoint({
  method: 'GET',
  path: '/api/v1/events',
  summary: 'Events after a cursor, oldest first: ordered, resumable, no gaps',
  auth: 'apiKey',
  query: eventsQuery,
  /** 410: the cursor is older than the events kept (ACTIVITY_RETENTION_DAYS). */
  responses: { 200: eventPage, ...apiKeyErrors, 410: apiErrorSchema },
});

export const directoryLicence = z.enum(['pro', 'basic', 'none'], {
  error: 'Filter by pro, basic or none.',
});

export const directoryUser = z.object({
  id: z.string(),
  userName: z.string(),
  externalId: z.string().nullable(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  /** The seat: from the groups while active, none while deactivated. */
  licence: directoryLicence,
  /** What the groups give, also while deactivated. */
  groupLicence: directoryLicence,
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type DirectoryUser = z.infer<typeof directoryUser>;

export const directoryUserDetail = directoryUser.extend({
  groups: z.array(z.object({ id: z.string(), displayName: z.string() })),
});

export const directoryUsersQuery = z.strictObject({
  licence: directoryLicence.optional(),
  updated_since: z.iso
    .datetime({ error: 'Give a date and time such as 2026-11-28T10:00:00Z.' })
    .optional(),
  cursor: cursorField.optional(),
  limit: limit(500, 100),
});

export const directoryUserPage = z.object({
  users: z.array(directoryUser),
  /** Pass as `cursor` for the next page; null on the last page. */
  next: z.string().nullable(),
});

export const listDirectoryUsers = defineEndpoint({
  method: 'GET',
  path: '/api/v1/users',
  summary: 'Users with their seat, by licence and last change, a page at a time',
  auth: 'apiKey',
  query: directoryUsersQuery,
  responses: { 200: directoryUserPage, ...apiKeyErrors },
});

export const getDirectoryUser = defineEndpoint({
  method: 'GET',
  path: '/api/v1/users/:id',
  summary: 'One user with their seat and groups',
  auth: 'apiKey',
  params: z.object({ id: z.string().min(1).max(200) }),
  responses: { 200: directoryUserDetail, 404: apiErrorSchema, ...apiKeyErrors },
});

export const directoryGroup = z.object({
  id: z.string(),
  displayName: z.string(),
  members: z.number().int().min(0),
  /** The licence the console maps the group to, or null. */
  licence: z.enum(['pro', 'basic']).nullable(),
});

export const directoryGroupPage = z.object({
  groups: z.array(directoryGroup),
  next: z.string().nullable(),
});

export const listDirectoryGroupsV1 = defineEndpoint({
  method: 'GET',
  path: '/api/v1/groups',
  summary: 'Groups Okta pushed, with member counts and mapped licence',
  auth: 'apiKey',
  query: z.strictObject({ cursor: cursorField.optional(), limit: limit(500, 100) }),
  responses: { 200: directoryGroupPage, ...apiKeyErrors },
});
