import type { FastifyInstance } from 'fastify';
import { getScimSummary } from '../../../shared/api/scim-summary';
import { getSetupStatus } from '../../../shared/api/setup-status';
import { setupStatusOf } from '../../services/setup-status';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';

export function scimSummaryRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, getScimSummary, async () =>
    respond(200, await ctx.scim.activity.summary()),
  );
  // The main page's checklist: beside the SCIM summary, another answer of its first screen.
  registerEndpoint(app, ctx, getSetupStatus, async () => respond(200, await setupStatusOf(ctx.db)));
}
