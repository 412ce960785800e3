import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type AddAdminBody, addAdmin as addAdminEndpoint } from '../../../../shared/api/admins';
import { apiRequest } from '../../../lib/api-client';
import { adminsQueryOptions } from './list-admins';

/** 201 carries the new admin's first password, once; 409 when the email is already an admin. */
export const addAdmin = (body: AddAdminBody) => apiRequest(addAdminEndpoint, { body });

/** The first password lives only in this mutation's result, dropped when the dialog resets it. */
export function useAddAdmin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addAdmin,
    gcTime: 0,
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminsQueryOptions().queryKey }),
  });
}
