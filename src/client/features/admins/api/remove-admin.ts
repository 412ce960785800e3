import { useMutation, useQueryClient } from '@tanstack/react-query';
import { removeAdmin as removeAdminEndpoint } from '../../../../shared/api/admins';
import { apiRequest } from '../../../lib/api-client';
import { adminsQueryOptions } from './list-admins';

/** Their sessions end with them: they are signed out everywhere at once. */
export const removeAdmin = (id: number) => apiRequest(removeAdminEndpoint, { params: { id } });

export function useRemoveAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeAdmin,
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminsQueryOptions().queryKey }),
  });
}
