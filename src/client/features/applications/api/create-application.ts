import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type CreateApplicationBody,
  createApplication as createApplicationEndpoint,
} from '../../../../shared/api/applications';
import { apiRequest } from '../../../lib/api-client';
import { applicationsQueryOptions } from './list-applications';

/** 201 carries the client secret, once; 400 names the field (a redirect URI that is not https). */
export const createApplication = (body: CreateApplicationBody) =>
  apiRequest(createApplicationEndpoint, { body });

/** The secret lives only in this mutation's result, dropped when the dialog resets it. */
export function useCreateApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApplication,
    gcTime: 0,
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: applicationsQueryOptions().queryKey }),
  });
}
