/** A console with Okta connected (the stand-in) and group mappings, for end-user tests. */
import { expect } from 'vitest';
import { type OktaStandIn, startOktaStandIn } from '../../testing/okta-stand-in';
import type { Console } from './licence-fixtures';

/** Starts the Okta stand-in and saves it as the console's incoming keys. */
export async function connectOkta(
  c: Console,
  callback = 'http://localhost:3000/auth/okta/callback',
) {
  const op: OktaStandIn = await startOktaStandIn({ redirectUris: [callback] });
  const saved = await c.admin.inject({
    method: 'PUT',
    url: '/api/incoming-keys',
    payload: { clientId: op.clientId, clientSecret: op.clientSecret, issuerUri: op.issuer },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  return op;
}

/** Maps a directory group to a licence through the admin API; returns the mapping's id. */
export async function mapGroup(c: Console, groupName: string, capability: 'basic' | 'pro') {
  const response = await c.admin.inject({
    method: 'POST',
    url: '/api/directory-groups',
    payload: { groupName, capability },
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: number | string }).id;
}
