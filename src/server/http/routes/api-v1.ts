import type { FastifyInstance } from 'fastify';
import {
  getDirectoryUser,
  listDirectoryGroupsV1,
  listDirectoryUsers,
  listEvents,
} from '../../../shared/api/events';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';

/** The read-only API for the application's backend, behind a read-only API key. */
export function apiV1Routes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, listEvents, async ({ query }) =>
    respond(200, await ctx.readApi.events(query)),
  );
  registerEndpoint(app, ctx, listDirectoryUsers, async ({ query }) =>
    respond(200, await ctx.readApi.users(query)),
  );
  registerEndpoint(app, ctx, getDirectoryUser, async ({ params }) =>
    respond(200, await ctx.readApi.user(params.id)),
  );
  registerEndpoint(app, ctx, listDirectoryGroupsV1, async ({ query }) =>
    respond(200, await ctx.readApi.groups(query)),
  );
}
