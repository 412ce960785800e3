import { z } from 'zod';
import { provisioningAction } from './activity';
import { defineEndpoint } from './endpoint';
import { errorResponses } from './errors';

export const scimSummary = z.object({
  /** `{PUBLIC_URL}/scim/v2`: what the admin pastes into Okta as the SCIM connector base URL. */
  scimBaseUrl: z.string(),
  /** Users Okta provisioned: active, and deactivated (unassigned in Okta). */
  users: z.object({ active: z.number().int().min(0), deactivated: z.number().int().min(0) }),
  groups: z.number().int().min(0),
  /** The most recent SCIM request, or null before Okta sent any. */
  lastRequest: z
    .object({
      at: z.iso.datetime(),
      method: z.string(),
      path: z.string(),
      status: z.number().int(),
      /** The Okta action it stands for, as the Activity page names it (labels in the client). */
      action: provisioningAction,
    })
    .nullable(),
});
export type ScimSummary = z.infer<typeof scimSummary>;

export const getScimSummary = defineEndpoint({
  method: 'GET',
  path: '/api/scim/summary',
  summary: 'SCIM base URL, what Okta has provisioned, and the last SCIM request',
  auth: 'admin',
  responses: { 200: scimSummary, 401: errorResponses[401] },
});
