import { z } from 'zod';
import { SCHEMA } from './constants';

/** The `scimType` values RFC 7644 §3.12 defines for 400 and 409 answers. */
export const scimTypes = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
] as const;
export type ScimType = (typeof scimTypes)[number];

/** Every non-2xx SCIM answer: `status` is a string, as RFC 7644 §3.12 says. */
export const scimErrorSchema = z.object({
  schemas: z.tuple([z.literal(SCHEMA.error)]),
  status: z.string().regex(/^[45]\d\d$/),
  scimType: z.enum(scimTypes).optional(),
  detail: z.string(),
});
export type ScimErrorBody = z.infer<typeof scimErrorSchema>;

export function scimErrorBody(status: number, detail: string, scimType?: ScimType): ScimErrorBody {
  return {
    schemas: [SCHEMA.error],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  };
}
