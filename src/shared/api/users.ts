import { z } from 'zod';
import { pagingQuery, sortOrder } from './directory-groups';
import { defineEndpoint } from './endpoint';
import { errorResponses } from './errors';

const isoDate = z.iso.datetime();

/** Pro when in any group mapped to Pro, else Basic when in any group mapped to Basic, else none. */
export const licence = z.enum(['pro', 'basic', 'none']);
export type Licence = z.infer<typeof licence>;

/** How many group names a row of the users list carries; `groupCount` gives the whole number. */
export const USER_ROW_GROUPS = 5;

export const userRow = z.object({
  /** The SCIM id. */
  id: z.string(),
  /** displayName, else given and family name, else the userName. */
  name: z.string(),
  userName: z.string(),
  /** The primary (else first) email; null when Okta sent none. */
  email: z.string().nullable(),
  active: z.boolean(),
  /** From the user's groups, also for deactivated users (who hold no seat while deactivated). */
  licence,
  /** Up to USER_ROW_GROUPS groups, mapped ones first, then by name. */
  groups: z.array(z.object({ name: z.string(), capability: z.enum(['basic', 'pro']).nullable() })),
  groupCount: z.number().int().min(0),
  lastSignInAt: isoDate.nullable(),
});
export type UserRow = z.infer<typeof userRow>;

export const usersQuery = z.strictObject({
  ...pagingQuery,
  /** The start of the name (display, given or family), userName or an email, ignoring case. */
  q: z.string().trim().max(320, 'Search with at most 320 characters.').optional(),
  licence: z.enum(['pro', 'basic', 'none'], { error: 'Filter by pro, basic or none.' }).optional(),
  status: z
    .enum(['active', 'deactivated'], { error: 'Filter by active or deactivated.' })
    .optional(),
  sort: z.enum(['userName', 'name'], { error: 'Sort by userName or name.' }).default('userName'),
  order: sortOrder.default('asc'),
});
export type UsersQuery = z.input<typeof usersQuery>;

export const userList = z.object({
  users: z.array(userRow),
  /** Users matching the search and filters, across all pages. */
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type UserList = z.infer<typeof userList>;

/** Seats: active users by licence, and deactivated users apart (they hold none). */
export const licenceTotals = z.object({
  pro: z.number().int().min(0),
  basic: z.number().int().min(0),
  none: z.number().int().min(0),
  deactivated: z.number().int().min(0),
});
export type LicenceTotals = z.infer<typeof licenceTotals>;

export const listUsers = defineEndpoint({
  method: 'GET',
  path: '/api/users',
  summary: 'Provisioned users with their licence, searched, filtered and paged on the server',
  auth: 'admin',
  query: usersQuery,
  responses: { 200: userList, 400: errorResponses[400], 401: errorResponses[401] },
});

export const getLicenceTotals = defineEndpoint({
  method: 'GET',
  path: '/api/users/totals',
  summary: 'Active users with Pro, Basic or no licence, and deactivated users',
  auth: 'admin',
  responses: { 200: licenceTotals, 401: errorResponses[401] },
});
