import type { FastifyInstance } from 'fastify';
import { getSettings } from '../../../shared/api/settings';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';

export function settingsRoutes(app: FastifyInstance, ctx: AppContext) {
  const { publicUrl, allowHttpLoopbackIssuer } = ctx.config;
  const body = {
    publicUrl,
    loginRedirectUri: `${publicUrl}/auth/okta/callback`,
    initiateLoginUri: `${publicUrl}/auth/okta`,
    allowHttpLoopbackIssuer,
  };
  registerEndpoint(app, ctx, getSettings, async () => respond(200, body));
}
