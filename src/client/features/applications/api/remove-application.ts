import { useMutation, useQueryClient } from '@tanstack/react-query';
import { removeApplication as removeEndpoint } from '../../../../shared/api/applications';
import { apiRequest } from '../../../lib/api-client';
import { applicationsQueryOptions } from './list-applications';

/** The application's sessions and tokens end with it. */
export const removeApplication = (clientId: string) =>
  apiRequest(removeEndpoint, { params: { clientId } });

export function useRemoveApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeApplication,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: applicationsQueryOptions().queryKey }),
  });
}
