import { z } from 'zod';
import { provisioningEntry } from './activity';
import { defineEndpoint } from './endpoint';
import { apiErrorSchema, errorResponses } from './errors';
import { signInEvent } from './sign-in-events';
import { licence, usersQuery } from './users';

const isoDate = z.iso.datetime();
const capability = z.enum(['basic', 'pro']);

/** A SCIM id as the console hands them out (a UUID) or Okta could send: no spaces, no slashes. */
export const userParams = z.object({
  id: z
    .string()
    .trim()
    .min(1, 'Give a user id.')
    .max(100, 'This is too long to be a user id.')
    .regex(/^[A-Za-z0-9._~-]+$/, 'This is not a user id: letters, digits and - . _ ~ only.'),
});

/**
 * Why a person has the licence they have: the mapped group that gives it (Pro wins over Basic),
 * or why none does. A deactivated person keeps their groups' licence but holds no seat.
 */
export const licenceReason = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('group'), groupId: z.string(), groupName: z.string(), capability }),
  /** In groups, none of them mapped to Basic or Pro. */
  z.object({ kind: z.literal('no_mapped_group'), groupCount: z.number().int().min(0) }),
]);
export type LicenceReason = z.infer<typeof licenceReason>;

export const userDetails = z.object({
  id: z.string(),
  userName: z.string(),
  /** displayName, else given and family name, else the userName. */
  name: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  emails: z.array(
    z.object({ value: z.string(), type: z.string().nullable(), primary: z.boolean() }),
  ),
  externalId: z.string().nullable(),
  locale: z.string().nullable(),
  active: z.boolean(),
  createdAt: isoDate,
  updatedAt: isoDate,
  licence,
  licenceReason,
  /** Every group, mapped ones first (Pro, Basic), then by name; capability null when unmapped. */
  groups: z.array(
    z.object({ id: z.string(), name: z.string(), capability: capability.nullable() }),
  ),
  lastSignInAt: isoDate.nullable(),
  /** The latest SCIM requests about this person, newest first. */
  provisioning: z.array(provisioningEntry),
  /** The latest sign-ins and refusals (with reasons) of this person, newest first. */
  signIns: z.array(signInEvent),
});
export type UserDetails = z.infer<typeof userDetails>;

/** How many of the latest provisioning requests and sign-in events the page shows. */
export const USER_HISTORY_LIMIT = 20;

export const getUser = defineEndpoint({
  method: 'GET',
  path: '/api/users/:id',
  summary:
    'One provisioned person: SCIM attributes, groups, licence and why, provisioning history and sign-ins',
  auth: 'admin',
  params: userParams,
  responses: {
    200: userDetails,
    400: errorResponses[400],
    401: errorResponses[401],
    404: apiErrorSchema,
  },
});

/** The Users page's filters and sort, without paging: the export has every page. */
export const usersExportQuery = usersQuery.omit({ page: true, pageSize: true });
export type UsersExportQuery = z.input<typeof usersExportQuery>;

export const USERS_CSV_COLUMNS = [
  'email',
  'name',
  'userName',
  'status',
  'licence',
  'groups',
  'lastSignIn',
] as const;

export const exportUsers = defineEndpoint({
  method: 'GET',
  path: '/api/users/export',
  summary:
    'Every user the filters select, as CSV (text/csv, streamed): email, name, status, licence, groups, last sign-in',
  auth: 'admin',
  query: usersExportQuery,
  responses: { 200: z.string(), 400: errorResponses[400], 401: errorResponses[401] },
  successType: 'text/csv',
});
