import type { FastifyInstance } from 'fastify';
import {
  getIncomingKeys,
  saveIncomingKeys,
  verifyIncomingKeys,
} from '../../../shared/api/incoming-keys';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';

export function incomingKeysRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, getIncomingKeys, async () =>
    respond(200, await ctx.incomingKeys.view()),
  );

  registerEndpoint(app, ctx, saveIncomingKeys, async ({ body, admin, request }) => {
    const view = await ctx.incomingKeys.save(body, admin.email);
    request.log.info({ event: 'incoming_keys.saved', admin: admin.email }, 'incoming keys saved');
    return respond(200, view);
  });

  registerEndpoint(app, ctx, verifyIncomingKeys, async () =>
    respond(200, await ctx.incomingKeys.recheck()),
  );
}
