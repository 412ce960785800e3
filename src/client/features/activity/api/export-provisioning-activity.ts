import type { z } from 'zod';
import {
  exportProvisioningActivity,
  type provisioningExportQuery,
} from '../../../../shared/api/activity';

/**
 * The export is a link, not a fetch: the browser downloads the CSV itself (with the session
 * cookie), so a large export never passes through the page's memory.
 */
export function provisioningExportHref(query: z.input<typeof provisioningExportQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${exportProvisioningActivity.path}?${search}` : exportProvisioningActivity.path;
}
