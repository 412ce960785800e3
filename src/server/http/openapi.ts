import { z } from 'zod';
import { api } from '../../shared/api';
import type { Endpoint } from '../../shared/api/endpoint';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

function parameters(endpoint: Endpoint) {
  const list: unknown[] = [];
  for (const [where, schema] of [
    ['path', endpoint.params],
    ['query', endpoint.query],
  ] as const) {
    if (!schema) continue;
    for (const [name, field] of Object.entries(schema.shape)) {
      list.push({
        name,
        in: where,
        required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
        schema: toSchema(field as z.ZodType, 'input'),
      });
    }
  }
  return list;
}

/** The OpenAPI 3.1 document of the admin API, generated from the contract in src/shared/api. */
export function buildOpenApiDocument(serverUrl: string, cookieName = 'osc_admin') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, endpoint] of Object.entries(api) as [string, Endpoint][]) {
    const path = endpoint.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(endpoint.responses)) {
      responses[status] =
        status === '204'
          ? { description: 'No content' }
          : {
              description: Number(status) < 300 ? 'Success' : 'Error',
              content: {
                [Number(status) < 300
                  ? (endpoint.successType ?? 'application/json')
                  : 'application/json']: { schema: toSchema(schema, 'output') },
              },
            };
    }
    paths[path] ??= {};
    paths[path][endpoint.method.toLowerCase()] = {
      operationId,
      summary: endpoint.summary,
      ...(endpoint.auth === 'admin' ? { security: [{ adminSession: [] }] } : {}),
      ...(endpoint.auth === 'apiKey' ? { security: [{ apiKey: [] }] } : {}),
      parameters: parameters(endpoint),
      ...(endpoint.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(endpoint.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'okta-sso-console admin API',
      version: '1',
      description:
        'State-changing requests need the admin session cookie and the X-CSRF-Token header from GET /api/session.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        adminSession: { type: 'apiKey', in: 'cookie', name: cookieName },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A read-only API key (osc_api_...) made on the Webhooks page, for /api/v1.',
        },
      },
    },
    paths,
  };
}
