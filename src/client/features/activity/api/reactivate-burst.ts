import { useMutation, useQueryClient } from '@tanstack/react-query';
import { reactivateBurst as reactivateBurstEndpoint } from '../../../../shared/api/activity';
import { apiRequest } from '../../../lib/api-client';
import { scimSummaryQueryOptions } from '../../access-keys/api/get-scim-summary';
import { allUsersKey } from '../../users/api/list-users';
import { syncHealthQueryOptions } from './get-sync-health';
import { allActivityKey } from './list-provisioning-activity';

/** Sets active again every user Okta deactivated in the burst; Okta itself is not told. */
export const reactivateBurst = (id: number) =>
  apiRequest(reactivateBurstEndpoint, { params: { id } });

export function useReactivateBurst() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reactivateBurst,
    // After a 409 too: another admin may have reactivated the burst since the page loaded.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: syncHealthQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: allUsersKey() }),
        queryClient.invalidateQueries({ queryKey: scimSummaryQueryOptions().queryKey }),
        queryClient.invalidateQueries({ queryKey: allActivityKey() }),
      ]),
  });
}
