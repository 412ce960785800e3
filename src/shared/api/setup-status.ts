import { z } from 'zod';
import { defineEndpoint } from './endpoint';
import { errorResponses } from './errors';

/** The four steps of connecting Okta, in order, each done or not: the main page's checklist. */
export const setupStatus = z.object({
  /** Incoming keys saved, and so checked with Okta (Save verifies them). */
  incomingKeys: z.boolean(),
  /** Okta's provisioning app has sent at least one SCIM request with an access key. */
  scimRequest: z.boolean(),
  /** At least one mapping is bound to a group Okta pushed. */
  groupMapped: z.boolean(),
  /** Someone has signed in with Okta (not only been refused). */
  personSignedIn: z.boolean(),
});
export type SetupStatus = z.infer<typeof setupStatus>;

export const getSetupStatus = defineEndpoint({
  method: 'GET',
  path: '/api/setup-status',
  summary:
    'Which of the four setup steps are done (keys, first SCIM request, a mapped group, a sign-in)',
  auth: 'admin',
  responses: { 200: setupStatus, 401: errorResponses[401] },
});
