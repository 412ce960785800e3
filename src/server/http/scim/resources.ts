import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SCHEMA } from '../../../shared/scim/constants';
import {
  listResponseSchema,
  patchRequestSchema,
  scimGroupSchema,
  scimUserSchema,
} from '../../../shared/scim/resources';
import type { ScimServices } from '../../services/scim';
import { invalidSyntax } from '../../services/scim/errors';
import { project, wants } from '../../services/scim/projection';
import { isPlainObject } from '../../services/scim/values';
import { noteFor } from './activity-hook';
import { readListQuery, readResourceQuery } from './query';
import { sendScim } from './reply';

interface IdParams {
  id: string;
}

function requireBody(request: FastifyRequest): Record<string, unknown> {
  if (request.body === undefined) throw invalidSyntax('The body is empty; send a JSON object.');
  if (!isPlainObject(request.body)) throw invalidSyntax('The body must be a JSON object.');
  return request.body;
}

function patchOperations(request: FastifyRequest) {
  const parsed = patchRequestSchema.safeParse(requireBody(request));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw invalidSyntax(
      `Not a PatchOp request at "${where}": ${issue?.message ?? 'invalid'}. Send {"schemas":["${SCHEMA.patchOp}"],"Operations":[{"op":"add|replace|remove","path":"...","value":...}]}.`,
    );
  }
  return parsed.data.Operations;
}

/** /Users and /Groups, thin: parse, call the service, answer. */
export function resourceRoutes(scope: FastifyInstance, scim: ScimServices, validate: boolean) {
  const userList = { schema: listResponseSchema(scimUserSchema), enabled: validate };
  const groupList = { schema: listResponseSchema(scimGroupSchema), enabled: validate };
  const user = { schema: scimUserSchema, enabled: validate };
  const group = { schema: scimGroupSchema, enabled: validate };
  const list = (totalResults: number, startIndex: number, resources: unknown[]) => ({
    schemas: [SCHEMA.listResponse],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  });

  scope.get('/Users', async (request, reply) => {
    const q = readListQuery(request.url);
    const { totalResults, resources } = await scim.users.list(q.filter, q.page);
    const shown = resources.map((r) => project(r, q.projection, SCHEMA.user));
    return sendScim(reply, 200, list(totalResults, q.page.startIndex, shown), userList);
  });

  scope.get<{ Params: IdParams }>('/Users/:id', async (request, reply) => {
    const resource = await scim.users.get(request.params.id);
    // Okta reads a user by id before each PUT: the activity names them by userName, not the id.
    if (typeof resource.userName === 'string') noteFor(request).resourceName = resource.userName;
    return sendScim(
      reply,
      200,
      project(resource, readResourceQuery(request.url), SCHEMA.user),
      user,
    );
  });

  scope.post('/Users', async (request, reply) => {
    const resource = await scim.users.create(requireBody(request), noteFor(request));
    reply.header('location', resource.meta.location as string);
    return sendScim(
      reply,
      201,
      project(resource, readResourceQuery(request.url), SCHEMA.user),
      user,
    );
  });

  scope.put<{ Params: IdParams }>('/Users/:id', async (request, reply) => {
    const resource = await scim.users.replace(
      request.params.id,
      requireBody(request),
      noteFor(request),
    );
    return sendScim(
      reply,
      200,
      project(resource, readResourceQuery(request.url), SCHEMA.user),
      user,
    );
  });

  scope.patch<{ Params: IdParams }>('/Users/:id', async (request, reply) => {
    const resource = await scim.users.patch(
      request.params.id,
      patchOperations(request),
      noteFor(request),
    );
    return sendScim(
      reply,
      200,
      project(resource, readResourceQuery(request.url), SCHEMA.user),
      user,
    );
  });

  scope.delete<{ Params: IdParams }>('/Users/:id', async (request, reply) => {
    await scim.users.remove(request.params.id, noteFor(request));
    return sendScim(reply, 204, undefined);
  });

  scope.get('/Groups', async (request, reply) => {
    const q = readListQuery(request.url);
    const withMembers = wants(q.projection, 'members', SCHEMA.group);
    const { totalResults, resources } = await scim.groups.list(q.filter, q.page, withMembers);
    const shown = resources.map((r) => project(r, q.projection, SCHEMA.group));
    return sendScim(reply, 200, list(totalResults, q.page.startIndex, shown), groupList);
  });

  scope.get<{ Params: IdParams }>('/Groups/:id', async (request, reply) => {
    const projection = readResourceQuery(request.url);
    const withMembers = wants(projection, 'members', SCHEMA.group);
    const resource = await scim.groups.get(request.params.id, withMembers);
    if (typeof resource.displayName === 'string') {
      noteFor(request).resourceName = resource.displayName;
    }
    return sendScim(reply, 200, project(resource, projection, SCHEMA.group), group);
  });

  scope.post('/Groups', async (request, reply) => {
    const projection = readResourceQuery(request.url);
    const resource = await scim.groups.create(
      requireBody(request),
      wants(projection, 'members', SCHEMA.group),
      noteFor(request),
    );
    reply.header('location', resource.meta.location as string);
    return sendScim(reply, 201, project(resource, projection, SCHEMA.group), group);
  });

  scope.put<{ Params: IdParams }>('/Groups/:id', async (request, reply) => {
    const projection = readResourceQuery(request.url);
    const resource = await scim.groups.replace(
      request.params.id,
      requireBody(request),
      wants(projection, 'members', SCHEMA.group),
      noteFor(request),
    );
    return sendScim(reply, 200, project(resource, projection, SCHEMA.group), group);
  });

  // 204 unless the client asks for attributes: a group of 50,000 is not sent back per PATCH.
  scope.patch<{ Params: IdParams }>('/Groups/:id', async (request, reply) => {
    await scim.groups.patch(request.params.id, patchOperations(request), noteFor(request));
    const projection = readResourceQuery(request.url);
    if (!projection.attributes && !projection.excludedAttributes)
      return sendScim(reply, 204, undefined);
    const resource = await scim.groups.get(
      request.params.id,
      wants(projection, 'members', SCHEMA.group),
    );
    return sendScim(reply, 200, project(resource, projection, SCHEMA.group), group);
  });

  scope.delete<{ Params: IdParams }>('/Groups/:id', async (request, reply) => {
    await scim.groups.remove(request.params.id, noteFor(request));
    return sendScim(reply, 204, undefined);
  });
}
