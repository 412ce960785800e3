import type { FastifyInstance } from 'fastify';
import { listSignInEvents } from '../../../shared/api/sign-in-events';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';

export function signInEventsRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, listSignInEvents, async ({ query }) =>
    respond(200, await ctx.endUserAuth.events.list(query.outcome, query.limit, query.before)),
  );
}
