import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type CreateDirectoryGroupBody,
  createDirectoryGroup as createDirectoryGroupEndpoint,
} from '../../../../shared/api/directory-groups';
import { apiRequest } from '../../../lib/api-client';
import { invalidateAfterMappingChange } from './invalidate-after-change';

/** 400 `group_not_found` unless `addAnyway`; 409 when the group is mapped already. */
export const createDirectoryGroup = (body: CreateDirectoryGroupBody) =>
  apiRequest(createDirectoryGroupEndpoint, { body });

export function useCreateDirectoryGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDirectoryGroup,
    onSuccess: () => invalidateAfterMappingChange(queryClient),
  });
}
