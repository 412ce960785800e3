import type { FastifyInstance } from 'fastify';
import { addAdmin, changePassword, listAdmins, removeAdmin } from '../../../shared/api/admins';
import { plural } from '../../../shared/text';
import { refuseWeakChoice } from '../../services/admin-accounts';
import { ServiceError } from '../../services/errors';
import { hashPassword } from '../../services/passwords';
import { adminToken } from '../admin-auth';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';
import { fromServiceError } from '../errors';

export function adminsRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, listAdmins, async ({ admin }) =>
    respond(200, { admins: await ctx.adminAccounts.list(admin.adminId) }),
  );

  registerEndpoint(app, ctx, addAdmin, async ({ body, admin, request }) => {
    const { password, hash } = await ctx.adminAccounts.newPassword();
    try {
      const added = await ctx.audit.recorded(
        (trx) => ctx.adminAccounts.withDb(trx).add(body.email, hash, admin.adminId),
        (view) => ({
          kind: 'admin_added',
          actor: admin.email,
          summary: `Added the administrator ${view.email}`,
          details: { email: view.email },
        }),
      );
      request.log.info(
        { event: 'admin.added', admin: admin.email, added: added.email },
        'admin added',
      );
      return respond(201, { admin: added, password });
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'conflict') {
        return respond(409, fromServiceError(error).body);
      }
      throw error;
    }
  });

  registerEndpoint(app, ctx, removeAdmin, async ({ params, admin, request }) => {
    try {
      const removed = await ctx.audit.recorded(
        (trx) => ctx.adminAccounts.withDb(trx).remove(params.id, admin.adminId),
        ({ email }) => ({
          kind: 'admin_removed',
          actor: admin.email,
          summary: `Removed the administrator ${email}; their sessions ended`,
          details: { email },
        }),
      );
      request.log.info(
        { event: 'admin.removed', admin: admin.email, removed: removed.email },
        'admin removed',
      );
      return respond(204, undefined);
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'not-found') {
        return respond(404, fromServiceError(error).body);
      }
      if (error instanceof ServiceError && error.kind === 'conflict') {
        return respond(409, fromServiceError(error).body);
      }
      throw error;
    }
  });

  registerEndpoint(app, ctx, changePassword, async ({ body, admin, request }) => {
    await ctx.admins.verifyCurrent(admin.adminId, body.currentPassword, request.ip);
    refuseWeakChoice(admin.email, body.currentPassword, body.newPassword);
    const hash = await hashPassword(body.newPassword);
    const keep = adminToken(request, ctx.config);
    await ctx.audit.recorded(
      (trx) => ctx.adminAccounts.withDb(trx).setPassword(admin.adminId, hash, { keepToken: keep }),
      (ended) => ({
        kind: 'admin_password_changed',
        actor: admin.email,
        summary: `${admin.mustChangePassword ? 'Chose their own password in place of the one the console made' : 'Changed their password'}${ended > 0 ? `; ${plural(ended, 'other session')} ended` : ''}`,
        details: {
          otherSessionsEnded: ended,
          ...(admin.mustChangePassword ? { required: true } : {}),
        },
      }),
    );
    request.log.info({ event: 'admin.password_changed', admin: admin.email }, 'password changed');
    return respond(204, undefined);
  });
}
