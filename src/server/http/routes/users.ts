import type { FastifyInstance } from 'fastify';
import { getLicenceTotals, listUsers } from '../../../shared/api/users';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';

export function usersRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, listUsers, async ({ query }) =>
    respond(200, await ctx.licences.list(query)),
  );
  registerEndpoint(app, ctx, getLicenceTotals, async () =>
    respond(200, await ctx.licences.totals()),
  );
}
