import type { FastifyInstance } from 'fastify';
import { getScimSummary } from '../../../shared/api/scim-summary';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';

export function scimSummaryRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, getScimSummary, async () =>
    respond(200, await ctx.scim.activity.summary()),
  );
}
