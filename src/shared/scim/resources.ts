import { z } from 'zod';
import { SCHEMA } from './constants';

const isoDate = z.iso.datetime({ offset: true });

export const scimMetaSchema = z.object({
  resourceType: z.enum(['User', 'Group']),
  created: isoDate,
  lastModified: isoDate,
  location: z.url(),
});

const multiValue = z.looseObject({
  value: z.string().optional(),
  display: z.string().optional(),
  type: z.string().optional(),
  primary: z.boolean().optional(),
});

/** A User as this server answers it; unknown extension attributes pass through. */
export const scimUserSchema = z.looseObject({
  schemas: z.array(z.string()).min(1),
  id: z.string(),
  externalId: z.string().optional(),
  userName: z.string().optional(),
  name: z.looseObject({}).optional(),
  displayName: z.string().optional(),
  active: z.boolean().optional(),
  emails: z.array(multiValue).optional(),
  meta: scimMetaSchema.optional(),
});
export type ScimUser = z.infer<typeof scimUserSchema>;

export const scimMemberSchema = z.object({
  value: z.string(),
  display: z.string().optional(),
  type: z.literal('User').optional(),
  $ref: z.string().optional(),
});

export const scimGroupSchema = z.looseObject({
  schemas: z.array(z.string()).min(1),
  id: z.string(),
  externalId: z.string().optional(),
  displayName: z.string().optional(),
  members: z.array(scimMemberSchema).optional(),
  meta: scimMetaSchema.optional(),
});
export type ScimGroup = z.infer<typeof scimGroupSchema>;

/** RFC 7644 §3.4.2: integer totalResults, startIndex and itemsPerPage, always present. */
export function listResponseSchema<T extends z.ZodType>(resource: T) {
  return z.object({
    schemas: z.tuple([z.literal(SCHEMA.listResponse)]),
    totalResults: z.number().int().min(0),
    startIndex: z.number().int().min(1),
    itemsPerPage: z.number().int().min(0),
    Resources: z.array(resource),
  });
}

/**
 * The PATCH request body (RFC 7644 §3.5.2). `op` is matched in any letter case, because
 * clients send "Replace" as often as "replace"; `schemas` is optional for the same reason.
 */
export const patchRequestSchema = z.object({
  schemas: z.array(z.string()).optional(),
  Operations: z
    .array(
      z.object({
        op: z
          .string()
          .transform((op) => op.toLowerCase())
          .pipe(z.enum(['add', 'replace', 'remove'])),
        path: z.string().optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export type PatchRequest = z.infer<typeof patchRequestSchema>;
export type PatchOperation = PatchRequest['Operations'][number];
