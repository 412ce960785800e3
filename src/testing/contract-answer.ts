/** Checks an answer the way the console's API client reads it: by the endpoint's contract. */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Endpoint, noContent } from '../shared/api/endpoint';
import { type ApiErrorBody, apiErrorSchema } from '../shared/api/errors';

/**
 * Never 5xx; the status is one the contract lists and the body parses with its schema; every
 * error has the `{code, message, fields?}` shape. Returns the error body for 4xx answers.
 */
export function expectContractAnswer(
  endpoint: Endpoint,
  response: LightMyRequestResponse,
  label = `${endpoint.method} ${endpoint.path}`,
): ApiErrorBody | undefined {
  const where = `${label} answered ${response.statusCode} ${response.body.slice(0, 300)}`;
  expect(response.statusCode, where).toBeLessThan(500);
  const schema = endpoint.responses[response.statusCode];
  expect(schema, `${where}: status not in the contract`).toBeDefined();
  if (schema === noContent) {
    expect(response.body, where).toBe('');
    return undefined;
  }
  const file = endpoint.successType && response.statusCode < 300;
  if (file) {
    expect(String(response.headers['content-type']), where).toContain(endpoint.successType);
  }
  const body: unknown = file ? response.body : response.json();
  const parsed = schema?.safeParse(body);
  expect(parsed?.success, `${where}: ${parsed?.error?.message}`).toBe(true);
  if (response.statusCode < 400) return undefined;
  const error = apiErrorSchema.safeParse(body);
  expect(error.success, where).toBe(true);
  return error.data;
}

/** The endpoint's path with `value` for each `:param` (a valid-looking id by default). */
export function samplePath(endpoint: Endpoint, value = '1'): string {
  return endpoint.path.replace(/:([A-Za-z0-9_]+)/g, () => encodeURIComponent(value));
}

/** The path as OpenAPI writes it: `{param}` for `:param`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
