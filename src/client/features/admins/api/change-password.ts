import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type ChangePasswordBody,
  changePassword as changePasswordEndpoint,
} from '../../../../shared/api/admins';
import { apiRequest } from '../../../lib/api-client';
import { adminsQueryOptions } from './list-admins';

/** The server asks for the current password and ends the admin's other sessions. */
export const changePassword = (body: ChangePasswordBody) =>
  apiRequest(changePasswordEndpoint, { body });

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    gcTime: 0,
    // The list counts sessions, and the others have just ended.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminsQueryOptions().queryKey }),
  });
}
