import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One endpoint of the admin API: the single description that client, server, MSW and OpenAPI read. */
export interface Endpoint {
  method: HttpMethod;
  /** Fastify-style path, `:name` for parameters. */
  path: string;
  summary: string;
  /**
   * `admin`: needs a signed-in admin session (and a CSRF token when the method changes state).
   * `apiKey`: the application's backend, `Authorization: Bearer osc_api_...` (read-only).
   */
  auth: 'none' | 'admin' | 'apiKey';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, z.ZodType>;
  /**
   * The media type of the success answer when it is not JSON (a file to download). Its schema is
   * then the text itself; errors stay JSON.
   */
  successType?: 'text/csv';
}

export function defineEndpoint<const E extends Endpoint>(endpoint: E): E {
  return endpoint;
}

export type ParamsOf<E extends Endpoint> = E['params'] extends z.ZodObject
  ? z.output<E['params']>
  : undefined;
export type QueryOf<E extends Endpoint> = E['query'] extends z.ZodObject
  ? z.input<E['query']>
  : undefined;
export type BodyOf<E extends Endpoint> = E['body'] extends z.ZodType
  ? z.input<E['body']>
  : undefined;

type SuccessStatus = 200 | 201 | 202 | 204;
/** The parsed body of the endpoint's success response. */
export type SuccessOf<E extends Endpoint> = {
  [S in keyof E['responses'] & SuccessStatus]: z.output<E['responses'][S]>;
}[keyof E['responses'] & SuccessStatus];

/** What a server handler returns: one of the statuses the contract lists, with its body. */
export type ReplyOf<E extends Endpoint> = {
  [S in keyof E['responses'] & number]: { status: S; body: z.input<E['responses'][S]> };
}[keyof E['responses'] & number];

export const noContent = z.undefined();

export function isStateChanging(method: HttpMethod): boolean {
  return method !== 'GET';
}

/** Substitutes `:name` segments with encoded parameter values. */
export function buildPath(path: string, params?: Record<string, string | number>): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/**
 * The path and query string of a request, as the client sends it: `:name` segments filled in,
 * then the query's defined values in the order given.
 */
export function requestTarget(
  endpoint: Pick<Endpoint, 'path'>,
  parts: { params?: object; query?: object } = {},
): string {
  const path = buildPath(endpoint.path, parts.params as Record<string, string> | undefined);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parts.query ?? {})) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * The id of the `<script type="application/json">` in which the server serves a page together
 * with the API answers its first screen needs, keyed by request target (see first-screen.ts).
 */
export const EMBEDDED_ANSWERS_ID = 'api-answers';
