import type { FastifyInstance } from 'fastify';
import {
  createDirectoryGroup,
  deleteDirectoryGroup,
  GROUP_NOT_FOUND,
  listDirectoryGroups,
  previewSeatEffect,
  suggestDirectoryGroups,
  updateDirectoryGroup,
} from '../../../shared/api/directory-groups';
import { GroupNotFoundError } from '../../services/directory-groups';
import { ServiceError } from '../../services/errors';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';
import { fromServiceError } from '../errors';

const label = (capability: string) => (capability === 'pro' ? 'Pro' : 'Basic');

export function directoryGroupsRoutes(app: FastifyInstance, ctx: AppContext) {
  const groups = ctx.directoryGroups;

  registerEndpoint(app, ctx, listDirectoryGroups, async ({ query }) =>
    respond(200, await groups.list(query)),
  );

  registerEndpoint(app, ctx, suggestDirectoryGroups, async ({ query }) =>
    respond(200, await groups.suggestions(query.prefix, query.limit)),
  );

  registerEndpoint(app, ctx, previewSeatEffect, async ({ query }) => {
    try {
      return respond(200, await groups.seatEffect(query, query.capability));
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'not-found') {
        return respond(404, fromServiceError(error).body);
      }
      throw error;
    }
  });

  registerEndpoint(app, ctx, createDirectoryGroup, async ({ body, admin, request }) => {
    try {
      const created = await ctx.audit.recorded(
        (trx) => groups.withDb(trx).create(body, admin.email),
        (created) => ({
          kind: 'group_mapping_added',
          actor: admin.email,
          summary: `Mapped group ${created.name} to ${label(created.capability)}${created.status === 'waiting' ? ' (waiting for Okta to push it)' : ''}`,
          details: {
            mappingId: created.id,
            groupName: created.name,
            capability: created.capability,
            status: created.status,
          },
        }),
      );
      request.log.info(
        { event: 'directory_group.mapped', admin: admin.email, id: created.id },
        'directory group mapped',
      );
      return respond(201, created);
    } catch (error) {
      if (error instanceof GroupNotFoundError) {
        return respond(400, {
          code: GROUP_NOT_FOUND,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
        });
      }
      if (error instanceof ServiceError && error.kind === 'conflict') {
        return respond(409, fromServiceError(error).body);
      }
      throw error;
    }
  });

  registerEndpoint(app, ctx, updateDirectoryGroup, async ({ params, body, admin, request }) => {
    try {
      const { updated } = await ctx.audit.recorded(
        async (trx) => {
          const before = await groups.withDb(trx).get(params.id);
          const updated = await groups.withDb(trx).setCapability(params.id, body.capability);
          return { before, updated };
        },
        ({ before, updated }) => ({
          kind: 'group_mapping_changed',
          actor: admin.email,
          summary: `Changed group ${updated.name} from ${label(before.capability)} to ${label(updated.capability)}`,
          details: {
            mappingId: updated.id,
            groupName: updated.name,
            capabilityBefore: before.capability,
            capabilityAfter: updated.capability,
          },
        }),
      );
      request.log.info(
        { event: 'directory_group.capability', admin: admin.email, id: params.id },
        'directory group capability changed',
      );
      return respond(200, updated);
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'not-found') {
        return respond(404, fromServiceError(error).body);
      }
      throw error;
    }
  });

  registerEndpoint(app, ctx, deleteDirectoryGroup, async ({ params, admin, request }) => {
    try {
      await ctx.audit.recorded(
        async (trx) => {
          const before = await groups.withDb(trx).get(params.id);
          await groups.withDb(trx).remove(params.id);
          return before;
        },
        (before) => ({
          kind: 'group_mapping_removed',
          actor: admin.email,
          summary: `Removed the mapping of group ${before.name} (${label(before.capability)})`,
          details: { mappingId: before.id, groupName: before.name, capability: before.capability },
        }),
      );
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'not-found') {
        return respond(404, fromServiceError(error).body);
      }
      throw error;
    }
    request.log.info(
      { event: 'directory_group.unmapped', admin: admin.email, id: params.id },
      'directory group mapping removed',
    );
    return respond(204, undefined);
  });
}
