import type { FastifyInstance } from 'fastify';
import {
  createApplication,
  listApplications,
  removeApplication,
  rotateApplicationSecret,
} from '../../../shared/api/applications';
import { ServiceError } from '../../services/errors';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';
import { fromServiceError } from '../errors';

const graceWords = (hours: number) =>
  hours === 0 ? 'the old one stopped at once' : `the old one works for ${hours} h`;

export function applicationsRoutes(app: FastifyInstance, ctx: AppContext) {
  const issuer = ctx.config.publicUrl;
  registerEndpoint(app, ctx, listApplications, async () =>
    respond(200, {
      applications: await ctx.applications.list(),
      issuer,
      discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    }),
  );

  registerEndpoint(app, ctx, createApplication, async ({ body, admin, request }) => {
    try {
      const created = await ctx.audit.recorded(
        (trx) => ctx.applications.withDb(trx).create(body, admin.email),
        ({ application: a }) => ({
          kind: 'application_added',
          actor: admin.email,
          summary: `Added the application ${a.name}`,
          details: { clientId: a.clientId, name: a.name, redirectUris: a.redirectUris.join(' ') },
        }),
      );
      request.log.info(
        { event: 'application.added', admin: admin.email, clientId: created.application.clientId },
        'application added',
      );
      return respond(201, created);
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'invalid') {
        return respond(400, { ...fromServiceError(error).body, code: 'invalid_request' });
      }
      throw error;
    }
  });

  registerEndpoint(app, ctx, rotateApplicationSecret, async ({ params, body, admin, request }) => {
    try {
      const rotated = await ctx.audit.recorded(
        (trx) => ctx.applications.withDb(trx).rotate(params.clientId, body.graceHours),
        ({ application: a }) => ({
          kind: 'application_secret_rotated',
          actor: admin.email,
          summary: `Rotated the secret of ${a.name}; ${graceWords(body.graceHours)}`,
          details: { clientId: a.clientId, graceHours: body.graceHours },
        }),
      );
      request.log.info(
        { event: 'application.secret_rotated', admin: admin.email, clientId: params.clientId },
        'application secret rotated',
      );
      return respond(200, rotated);
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'not-found') {
        return respond(404, fromServiceError(error).body);
      }
      throw error;
    }
  });

  registerEndpoint(app, ctx, removeApplication, async ({ params, admin, request }) => {
    try {
      await ctx.audit.recorded(
        (trx) => ctx.applications.withDb(trx).remove(params.clientId),
        ({ name }) => ({
          kind: 'application_removed',
          actor: admin.email,
          summary: `Removed the application ${name}; its sessions and tokens ended`,
          details: { clientId: params.clientId, name },
        }),
      );
      request.log.info(
        { event: 'application.removed', admin: admin.email, clientId: params.clientId },
        'application removed',
      );
      return respond(204, undefined);
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'not-found') {
        return respond(404, fromServiceError(error).body);
      }
      throw error;
    }
  });
}
