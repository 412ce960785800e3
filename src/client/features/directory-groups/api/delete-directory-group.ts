import { useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteDirectoryGroup as deleteDirectoryGroupEndpoint } from '../../../../shared/api/directory-groups';
import { apiRequest } from '../../../lib/api-client';
import { invalidateAfterMappingChange } from './invalidate-after-change';

/** Its members lose the licence it gave, unless another mapped group gives it too. */
export const deleteDirectoryGroup = (id: number) =>
  apiRequest(deleteDirectoryGroupEndpoint, { params: { id } });

export function useDeleteDirectoryGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteDirectoryGroup,
    onSettled: () => invalidateAfterMappingChange(queryClient),
  });
}
