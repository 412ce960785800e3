import type { FastifyInstance } from 'fastify';
import {
  exportProvisioningActivity,
  getActivityChart,
  getSyncHealth,
  listAuditLog,
  listProvisioningActivity,
  reactivateBurst,
} from '../../../shared/api/activity';
import { ServiceError } from '../../services/errors';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';
import { fromServiceError } from '../errors';

export function activityRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, listProvisioningActivity, async ({ query }) =>
    respond(200, await ctx.provisioningLog.list(query)),
  );

  registerEndpoint(app, ctx, exportProvisioningActivity, async ({ query, reply }) => {
    const { csv, truncated } = await ctx.provisioningLog.exportCsv(query);
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    reply.header(
      'content-disposition',
      `attachment; filename="provisioning-activity-${stamp}.csv"`,
    );
    // The newest entries only, when the filters select more than one export holds.
    if (truncated) reply.header('x-export-truncated', 'true');
    return respond(200, csv);
  });

  registerEndpoint(app, ctx, getActivityChart, async ({ query }) =>
    respond(200, await ctx.provisioningLog.chart(query.hours)),
  );

  registerEndpoint(app, ctx, listAuditLog, async ({ query }) =>
    respond(200, await ctx.audit.list(query)),
  );

  registerEndpoint(app, ctx, getSyncHealth, async () =>
    respond(200, await ctx.syncHealth.health()),
  );

  registerEndpoint(app, ctx, reactivateBurst, async ({ params, admin, request }) => {
    try {
      const result = await ctx.audit.recorded(
        (trx) => ctx.scim.deprovisioning.withDb(trx).reactivate(params.id, admin.email),
        ({ burst, reactivated }) => ({
          kind: 'users_reactivated',
          actor: admin.email,
          summary: `Reactivated ${reactivated} of the ${burst.deactivated} users Okta deactivated in one burst`,
          details: {
            burstId: burst.id,
            reactivated,
            deactivated: burst.deactivated,
            startedAt: burst.startedAt,
            lastAt: burst.lastAt,
          },
        }),
      );
      request.log.info(
        {
          event: 'burst.reactivated',
          admin: admin.email,
          id: params.id,
          users: result.reactivated,
        },
        'deprovisioning burst reactivated',
      );
      return respond(200, result);
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
}
