import { api } from '../shared/api';
import { adminViewFactory } from './factories';
import { mockBackend } from './mock-backend';
import { apiError, handle, reply } from './msw';

/** The signed-in admin's password in component tests: the one "Change password" must be given. */
export const MOCK_CURRENT_PASSWORD = 'the current password';

/** Administrators over `mockBackend.admins`, refusing what the server refuses. */
export function adminHandlers() {
  return [
    handle(api.listAdmins, () => reply(200, { admins: mockBackend.admins })),
    handle(api.addAdmin, ({ body }) => {
      const taken = mockBackend.admins.find(
        (a) => a.email.toLowerCase() === body.email.toLowerCase(),
      );
      if (taken) {
        const message = `${taken.email} is already an administrator.`;
        return apiError(409, 'conflict', message, { email: message });
      }
      const admin = adminViewFactory({
        id: Math.max(0, ...mockBackend.admins.map((a) => a.id)) + 1,
        email: body.email,
        createdAt: new Date().toISOString(),
        you: false,
        activeSessions: 0,
      });
      mockBackend.admins = [...mockBackend.admins, admin];
      return reply(201, { admin, password: 'FirstPassword-shown-once' });
    }),
    handle(api.removeAdmin, ({ params }) => {
      const admin = mockBackend.admins.find((a) => a.id === params.id);
      if (!admin) return apiError(404, 'not_found', 'This administrator was already removed.');
      if (admin.you) {
        return apiError(
          409,
          'conflict',
          'You cannot remove yourself. Another administrator can remove you.',
        );
      }
      mockBackend.admins = mockBackend.admins.filter((a) => a.id !== params.id);
      return reply(204, undefined);
    }),
    handle(api.changePassword, ({ body }) => {
      if (body.currentPassword !== MOCK_CURRENT_PASSWORD) {
        const message = 'This is not your current password.';
        return apiError(400, 'invalid', message, { currentPassword: message });
      }
      if (mockBackend.session) mockBackend.session.mustChangePassword = false;
      return reply(204, undefined);
    }),
  ];
}
