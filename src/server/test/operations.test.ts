import { afterEach, describe, expect, it } from 'vitest';
import { api, type Endpoint } from '../../shared/api';
import { openApiPath } from '../../testing/contract-answer';
import { type Harness, startHarness } from '../../testing/server-harness';
import { onPostgres } from '../../testing/test-database';

let harness: Harness;
afterEach(() => harness?.close());

describe('building the server', () => {
  // First in this file: Fastify emits each deprecation warning once per module instance.
  it('prints no Fastify deprecation warning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error & { code?: string }) =>
      warnings.push(`${warning.code ?? warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      harness = await startHarness();
      await harness.app.inject({ method: 'GET', url: '/healthz' });
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => /FSTDEP|deprecat/i.test(w))).toEqual([]);
  });
});

describe('request logs', () => {
  it('writes one JSON line per request: method, path, status, ms; no query, headers or cookies', async () => {
    harness = await startHarness();
    const client = await harness.session();
    const before = harness.logLines().length;
    const requests = [
      client.inject({ method: 'GET', url: '/api/settings?token=q-secret-123&x=1' }),
      client.inject({
        method: 'GET',
        url: '/api/incoming-keys',
        headers: { authorization: 'Bearer h-secret-456', 'x-custom': 'h-secret-789' },
      }),
      harness.app.inject({ method: 'GET', url: '/api/session' }),
      client.inject({
        method: 'PUT',
        url: '/api/incoming-keys',
        payload: { body: 'b-secret-000' },
      }),
      harness.app.inject({ method: 'GET', url: '/nothing/here?q=q-secret-321' }),
      harness.app.inject({ method: 'GET', url: '/healthz' }),
    ];
    await Promise.all(requests);
    const lines = harness.logLines().slice(before);
    const requestLines = lines.filter((l) => l.msg === 'request');
    expect(requestLines).toHaveLength(requests.length);
    expect(lines).toHaveLength(requests.length);
    for (const line of requestLines) {
      expect(line).toEqual(
        expect.objectContaining({
          level: 30,
          method: expect.stringMatching(/^(GET|PUT)$/),
          path: expect.stringMatching(/^\/[^?]*$/),
          status: expect.any(Number),
          ms: expect.any(Number),
        }),
      );
      for (const key of ['req', 'res', 'headers', 'cookie', 'cookies', 'body', 'query', 'url']) {
        expect(line, key).not.toHaveProperty(key);
      }
    }
    expect(requestLines.map((l) => `${l.method} ${l.path} ${l.status}`).sort()).toEqual(
      [
        'GET /api/settings 200',
        'GET /api/incoming-keys 200',
        'GET /api/session 200',
        'PUT /api/incoming-keys 400',
        'GET /nothing/here 404',
        'GET /healthz 200',
      ].sort(),
    );
    const text = harness.logText();
    for (const secret of [
      'q-secret',
      'h-secret',
      'b-secret',
      client.cookieValue,
      client.session.csrfToken,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('logs a failure with its error but without request details', async () => {
    harness = await startHarness();
    const client = await harness.session();
    await harness.db.destroy();
    const response = await client.inject({ method: 'GET', url: '/api/incoming-keys?k=q-secret' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      code: 'internal',
      message: 'Something went wrong on our side.',
    });
    const text = harness.logText();
    expect(text).toContain('request failed');
    expect(text).not.toContain('q-secret');
    expect(text).not.toContain(client.cookieValue);
  });
});

describe('GET /healthz', () => {
  it('answers 200 while the database answers and 503 once it is gone, naming only its kind', async () => {
    harness = await startHarness();
    const kind = onPostgres() ? 'postgres' : 'sqlite';
    const ok = await harness.app.inject({ method: 'GET', url: '/healthz' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'ok', database: { kind, ok: true } });
    await harness.db.destroy();
    const down = await harness.app.inject({ method: 'GET', url: '/healthz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: 'database unavailable', database: { kind, ok: false } });
    for (const hidden of ['postgres://', '127.0.0.1', 'okta_test']) {
      expect(ok.body + down.body).not.toContain(hidden);
    }
  });
});

interface Operation {
  operationId: string;
  parameters: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema: JsonSchema }> }
  >;
  security?: unknown;
}
interface JsonSchema {
  type?: string;
  required?: string[];
  additionalProperties?: unknown;
}
interface OpenApiDoc {
  openapi: string;
  servers: unknown;
  components: { securitySchemes: Record<string, unknown> };
  paths: Record<string, Record<string, Operation>>;
}

describe('GET /api/openapi.json', () => {
  it('is OpenAPI 3.1.0 and lists every endpoint of the contract with its responses', async () => {
    harness = await startHarness({ env: { PUBLIC_URL: 'https://console.acme.test' } });
    const response = await harness.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<OpenApiDoc>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'https://console.acme.test' }]);
    expect(doc.components.securitySchemes.adminSession).toEqual({
      type: 'apiKey',
      in: 'cookie',
      name: '__Host-osc_admin',
    });
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const listed: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) listed.push(`${method.toUpperCase()} ${path}`);
    }
    const endpoints = Object.entries(api) as [string, Endpoint][];
    expect(listed.sort()).toEqual(
      endpoints.map(([, e]) => `${e.method} ${openApiPath(e.path)}`).sort(),
    );
    for (const [id, endpoint] of endpoints) {
      const operation = doc.paths[openApiPath(endpoint.path)]?.[endpoint.method.toLowerCase()];
      if (!operation) throw new Error(`${id} is missing`);
      expect(operation.operationId).toBe(id);
      expect(Object.keys(operation.responses).sort()).toEqual(
        Object.keys(endpoint.responses).sort(),
      );
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (status === '204') continue;
        const type =
          Number(status) < 300 ? (endpoint.successType ?? 'application/json') : 'application/json';
        expect(answer.content?.[type]?.schema, `${id} ${status}`).toBeTypeOf('object');
      }
      expect(Boolean(operation.requestBody), id).toBe(Boolean(endpoint.body));
      expect(operation.security, id).toEqual(
        { admin: [{ adminSession: [] }], apiKey: [{ apiKey: [] }], none: undefined }[endpoint.auth],
      );
      const pathParams = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      expect(pathParams, id).toEqual(Object.keys(endpoint.params?.shape ?? {}));
    }
    const save = doc.paths['/api/incoming-keys']?.put?.requestBody?.content['application/json'];
    expect(save?.schema.required?.sort()).toEqual(['clientId', 'clientSecret', 'issuerUri']);
    expect(save?.schema.additionalProperties).toBe(false);
  });
});
