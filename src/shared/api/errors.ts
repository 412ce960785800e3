import { z } from 'zod';

/**
 * Every non-2xx answer of the admin API. `fields` maps a dotted field path (as the request body
 * names it) to one message a person can act on; the UI shows it next to that field.
 */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export const errorResponses = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  413: apiErrorSchema,
  /** A body that is not application/json. */
  415: apiErrorSchema,
  429: apiErrorSchema,
} as const;
