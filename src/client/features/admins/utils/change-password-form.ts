import { z } from 'zod';
import { type ChangePasswordBody, changePasswordBody } from '../../../../shared/api/admins';

/** The request's own schema, plus the new password typed a second time. */
export const changePasswordForm = changePasswordBody
  .extend({ confirmPassword: z.string() })
  .refine((values) => values.confirmPassword === values.newPassword, {
    path: ['confirmPassword'],
    message: 'This does not match the new password.',
  });
export type ChangePasswordFormValues = z.input<typeof changePasswordForm>;

export const emptyChangePasswordForm: ChangePasswordFormValues = {
  currentPassword: '',
  newPassword: '',
  confirmPassword: '',
};

/** What is sent: the confirmation stays in the form (the server refuses unknown fields). */
export function changePasswordRequest({
  currentPassword,
  newPassword,
}: ChangePasswordFormValues): ChangePasswordBody {
  return { currentPassword, newPassword };
}
