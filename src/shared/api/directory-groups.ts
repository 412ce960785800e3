import { z } from 'zod';
import { defineEndpoint, noContent } from './endpoint';
import { apiErrorSchema, errorResponses } from './errors';

const isoDate = z.iso.datetime();

export const capability = z.enum(['basic', 'pro'], { error: 'Choose Basic or Pro.' });
export type Capability = z.infer<typeof capability>;

/** In request bodies: a string first, so a wrong type reads "Expected string, not ...". */
const capabilityField = z.string().max(16, 'Too long: choose basic or pro.').pipe(capability);

/**
 * synced: mapped and pushed by Okta; waiting: added anyway, Okta has not pushed a group with that
 * exact name yet; no-longer-pushed: Okta unlinked or deleted the group.
 */
export const mappingStatus = z.enum(['synced', 'waiting', 'no-longer-pushed']);
export type MappingStatus = z.infer<typeof mappingStatus>;

export const MAX_GROUP_NAME = 255;

export const directoryGroupView = z.object({
  id: z.number().int().positive(),
  /** The group's name in Okta now; the typed name while waiting; the last name once unlinked. */
  name: z.string(),
  /** The name the group had when it was mapped, when Okta renamed it since; else null. */
  previousName: z.string().nullable(),
  capability,
  /** Members of the group as Okta pushed them (0 while waiting or unlinked). */
  members: z.number().int().min(0),
  status: mappingStatus,
  createdAt: isoDate,
  createdBy: z.string(),
});
export type DirectoryGroupView = z.infer<typeof directoryGroupView>;

const pageNumber = z.coerce
  .number({ error: 'Give a page number from 1.' })
  .int('Give a whole page number.')
  .min(1, 'Pages start at 1.')
  .max(1_000_000, 'This page is too far.');
const pageSize = z.coerce
  .number({ error: 'Give a page size from 1 to 200.' })
  .int('Give a whole page size.')
  .min(1, 'Give a page size from 1 to 200.')
  .max(200, 'Give a page size from 1 to 200.');
export const sortOrder = z.enum(['asc', 'desc'], { error: 'Sort asc or desc.' });

export const pagingQuery = { page: pageNumber.default(1), pageSize: pageSize.default(25) };

export const directoryGroupsQuery = z.strictObject({
  ...pagingQuery,
  sort: z
    .enum(['name', 'capability', 'members', 'createdAt'], {
      error: 'Sort by name, capability, members or createdAt.',
    })
    .default('name'),
  order: sortOrder.default('asc'),
  /** Groups whose name contains this, ignoring case. */
  name: z.string().trim().max(MAX_GROUP_NAME, 'Too long to be a group name.').optional(),
});
export type DirectoryGroupsQuery = z.input<typeof directoryGroupsQuery>;

/** What the main page's table asks for first: 25 groups, A to Z. */
export const FIRST_DIRECTORY_GROUPS_PAGE = {
  page: 1,
  pageSize: 25,
  sort: 'name',
  order: 'asc',
} as const satisfies DirectoryGroupsQuery;

export const directoryGroupList = z.object({
  groups: z.array(directoryGroupView),
  /** Mappings that match the name filter, across all pages. */
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});
export type DirectoryGroupList = z.infer<typeof directoryGroupList>;

const groupName = z
  .string()
  .trim()
  .min(1, 'Type the name of a group that Okta pushes.')
  .max(MAX_GROUP_NAME, `Too long: a group name has at most ${MAX_GROUP_NAME} characters.`);

export const createDirectoryGroupBody = z.strictObject({
  /** Must match a pushed group's name exactly, capitals included. */
  groupName,
  capability: capabilityField,
  /** Map the name even though Okta has not pushed it: the mapping waits and binds by itself. */
  addAnyway: z.boolean({ error: 'Expected true or false.' }).optional(),
});
export type CreateDirectoryGroupBody = z.input<typeof createDirectoryGroupBody>;
export type CreateDirectoryGroupInput = z.output<typeof createDirectoryGroupBody>;

export const updateDirectoryGroupBody = z.strictObject({ capability: capabilityField });
export type UpdateDirectoryGroupBody = z.input<typeof updateDirectoryGroupBody>;

export const directoryGroupParams = z.object({
  id: z.coerce
    .number({ error: 'Expected a mapping id.' })
    .int('Expected a mapping id.')
    .positive('Expected a mapping id.'),
});

/** The error code when no pushed group has the typed name; the dialog then offers "add anyway". */
export const GROUP_NOT_FOUND = 'group_not_found';

export const groupSuggestionsQuery = z.strictObject({
  /** The start of the name, ignoring case; empty lists the first groups by name. */
  prefix: z.string().max(MAX_GROUP_NAME, 'Too long to be a group name.').default(''),
  limit: z.coerce
    .number({ error: 'Give a limit from 1 to 50.' })
    .int('Give a limit from 1 to 50.')
    .min(1, 'Give a limit from 1 to 50.')
    .max(50, 'Give a limit from 1 to 50.')
    .default(10),
});

export const groupSuggestions = z.object({
  groups: z.array(
    z.object({
      /** The SCIM id of the pushed group. */
      id: z.string(),
      name: z.string(),
      /** Already mapped: adding it again answers 409. */
      mapped: z.boolean(),
    }),
  ),
});
export type GroupSuggestions = z.infer<typeof groupSuggestions>;

/**
 * The effect on seats of a change, before it is saved. Give `mappingId` and `capability` to change
 * a mapping (`none` removes it), or `groupName` and `capability` for a new mapping.
 */
export const seatEffectQuery = z
  .strictObject({
    mappingId: z.coerce
      .number({ error: 'Expected a mapping id.' })
      .int('Expected a mapping id.')
      .positive('Expected a mapping id.')
      .optional(),
    groupName: groupName.optional(),
    capability: z.enum(['basic', 'pro', 'none'], { error: 'Choose basic, pro or none.' }),
  })
  .superRefine((value, ctx) => {
    if ((value.mappingId === undefined) === (value.groupName === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['mappingId'],
        message: 'Give either mappingId (a change or removal) or groupName (a new mapping).',
      });
    }
  });
export type SeatEffectQuery = z.input<typeof seatEffectQuery>;

/** Active users whose licence would change, by move; deactivated users hold no seat. */
export const seatEffect = z.object({
  /** Active members of the group: the only users the change can touch. */
  affectedUsers: z.number().int().min(0),
  fromNoneToBasic: z.number().int().min(0),
  fromNoneToPro: z.number().int().min(0),
  fromBasicToPro: z.number().int().min(0),
  fromProToBasic: z.number().int().min(0),
  fromBasicToNone: z.number().int().min(0),
  fromProToNone: z.number().int().min(0),
});
export type SeatEffect = z.infer<typeof seatEffect>;

export const listDirectoryGroups = defineEndpoint({
  method: 'GET',
  path: '/api/directory-groups',
  summary: 'Directory-group mappings, paged, sorted and filtered by name on the server',
  auth: 'admin',
  query: directoryGroupsQuery,
  responses: { 200: directoryGroupList, 400: errorResponses[400], 401: errorResponses[401] },
});

export const createDirectoryGroup = defineEndpoint({
  method: 'POST',
  path: '/api/directory-groups',
  summary:
    'Map a pushed group (exact name) to Basic or Pro; 400 group_not_found unless addAnyway; 409 when already mapped',
  auth: 'admin',
  body: createDirectoryGroupBody,
  responses: { 201: directoryGroupView, 409: apiErrorSchema, ...errorResponses },
});

export const updateDirectoryGroup = defineEndpoint({
  method: 'PATCH',
  path: '/api/directory-groups/:id',
  summary: 'Change the capability of a mapping',
  auth: 'admin',
  params: directoryGroupParams,
  body: updateDirectoryGroupBody,
  responses: { 200: directoryGroupView, 404: apiErrorSchema, ...errorResponses },
});

export const deleteDirectoryGroup = defineEndpoint({
  method: 'DELETE',
  path: '/api/directory-groups/:id',
  summary: 'Remove a mapping: its members lose the licence it gave',
  auth: 'admin',
  params: directoryGroupParams,
  responses: { 204: noContent, 404: apiErrorSchema, ...errorResponses },
});

export const suggestDirectoryGroups = defineEndpoint({
  method: 'GET',
  path: '/api/directory-groups/suggestions',
  summary: 'Pushed groups whose name starts with a prefix, for the "Group name" field',
  auth: 'admin',
  query: groupSuggestionsQuery,
  responses: { 200: groupSuggestions, 400: errorResponses[400], 401: errorResponses[401] },
});

export const previewSeatEffect = defineEndpoint({
  method: 'GET',
  path: '/api/directory-groups/seat-effect',
  summary: 'How many users a mapping change would move between Pro, Basic and no licence',
  auth: 'admin',
  query: seatEffectQuery,
  responses: {
    200: seatEffect,
    400: errorResponses[400],
    401: errorResponses[401],
    404: apiErrorSchema,
  },
});
