/** The console's side of the set-up, through its own admin API as an admin would click it. */
import {
  createAccessKey,
  listAccessKeys,
  MAX_ACTIVE_ACCESS_KEYS,
  revokeAccessKey,
} from '../../src/shared/api/access-keys';
import {
  createDirectoryGroup,
  listDirectoryGroups,
  updateDirectoryGroup,
} from '../../src/shared/api/directory-groups';
import { EVENT_TYPES } from '../../src/shared/api/events';
import { saveIncomingKeys } from '../../src/shared/api/incoming-keys';
import { createWebhook, deleteWebhook, listWebhooks } from '../../src/shared/api/webhooks';
import { AdminApiError, type AdminClient } from './admin-client';
import { DEMO_GROUPS, DEMO_MAPPINGS } from './people';

/**
 * "Create access key" for Okta's provisioning app. A kept DEMO_DATA_DIR may already hold the two
 * keys allowed at once: the oldest goes, as an admin rotating keys would do.
 */
export async function createProvisioningKey(admin: AdminClient): Promise<string> {
  const { keys } = await admin.call(listAccessKeys);
  const active = keys.filter((k) => k.active);
  if (active.length >= MAX_ACTIVE_ACCESS_KEYS) {
    const oldest = active.reduce((a, b) => (a.createdAt <= b.createdAt ? a : b));
    await admin.call(revokeAccessKey, { params: { id: oldest.id } });
  }
  const { secret } = await admin.call(createAccessKey);
  return secret;
}

/** "Setup incoming Okta keys" with the stand-in's values, then Engineering → Pro, Sales → Basic. */
export async function configureConsole(
  admin: AdminClient,
  okta: { issuer: string; clientId: string; clientSecret: string },
) {
  await admin.call(saveIncomingKeys, {
    body: { clientId: okta.clientId, clientSecret: okta.clientSecret, issuerUri: okta.issuer },
  });
  for (const groupName of DEMO_GROUPS) {
    const capability = DEMO_MAPPINGS[groupName];
    try {
      await admin.call(createDirectoryGroup, { body: { groupName, capability } });
    } catch (error) {
      // Mapped on an earlier run with a kept DEMO_DATA_DIR: make sure of the capability.
      if (!(error instanceof AdminApiError) || error.status !== 409) throw error;
      const { groups } = await admin.call(listDirectoryGroups, { query: { name: groupName } });
      const mapping = groups.find((g) => g.name === groupName);
      if (mapping && mapping.capability !== capability) {
        await admin.call(updateDirectoryGroup, {
          params: { id: mapping.id },
          body: { capability },
        });
      }
    }
  }
}

/**
 * "Add endpoint" on the Webhooks page for the sample app, with every event type; answers the
 * signing secret the console shows once. One from a kept DEMO_DATA_DIR (same URL) is replaced:
 * its secret was not kept.
 */
export async function addSampleWebhook(admin: AdminClient, url: string): Promise<string> {
  const { endpoints } = await admin.call(listWebhooks);
  for (const old of endpoints.filter((e) => e.url === url)) {
    await admin.call(deleteWebhook, { params: { id: old.id } });
  }
  const { secret } = await admin.call(createWebhook, {
    body: { url, description: 'Sample app (demo)', eventTypes: [...EVENT_TYPES] },
  });
  return secret;
}
