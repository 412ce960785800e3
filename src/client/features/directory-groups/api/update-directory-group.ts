import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type Capability,
  updateDirectoryGroup as updateDirectoryGroupEndpoint,
} from '../../../../shared/api/directory-groups';
import { apiRequest } from '../../../lib/api-client';
import { invalidateAfterMappingChange } from './invalidate-after-change';

export const updateDirectoryGroup = ({ id, capability }: { id: number; capability: Capability }) =>
  apiRequest(updateDirectoryGroupEndpoint, { params: { id }, body: { capability } });

export function useUpdateDirectoryGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDirectoryGroup,
    // After a 404 too: another admin removed the mapping meanwhile.
    onSettled: () => invalidateAfterMappingChange(queryClient),
  });
}
