import type { FastifyInstance } from 'fastify';
import { exportUsers, getUser } from '../../../shared/api/user-details';
import { getLicenceTotals, listUsers } from '../../../shared/api/users';
import { ServiceError } from '../../services/errors';
import { usersCsv } from '../../services/users-csv';
import type { AppContext } from '../context';
import { registerEndpoint, respond, respondStream } from '../endpoint';
import { fromServiceError } from '../errors';

export function usersRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, listUsers, async ({ query }) =>
    respond(200, await ctx.licences.list(query)),
  );
  registerEndpoint(app, ctx, getLicenceTotals, async () =>
    respond(200, await ctx.licences.totals()),
  );
  registerEndpoint(app, ctx, exportUsers, async ({ query, reply }) => {
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
    reply.header('content-disposition', `attachment; filename="users-${stamp}.csv"`);
    return respondStream(200, usersCsv(ctx.licences, query));
  });
  registerEndpoint(app, ctx, getUser, async ({ params }) => {
    try {
      return respond(200, await ctx.userDetails.get(params.id));
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'not-found') {
        return respond(404, fromServiceError(error).body);
      }
      throw error;
    }
  });
}
