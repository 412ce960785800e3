import type { z } from 'zod';
import {
  type BodyOf,
  EMBEDDED_ANSWERS_ID,
  type Endpoint,
  isStateChanging,
  type ParamsOf,
  type QueryOf,
  requestTarget,
  type SuccessOf,
} from '../../shared/api/endpoint';
import { ApiError, networkError, toApiError } from './api-error';

export { ApiError, isApiError } from './api-error';

/** What a request to `E` carries: each part is required exactly when the contract declares it. */
export type RequestParts<E extends Endpoint> = (E['params'] extends z.ZodObject
  ? { params: ParamsOf<E> }
  : { params?: undefined }) &
  (E['query'] extends z.ZodObject ? { query?: QueryOf<E> } : { query?: undefined }) &
  (E['body'] extends z.ZodType ? { body: BodyOf<E> } : { body?: undefined }) & {
    signal?: AbortSignal;
  };

interface SessionHooks {
  /** The CSRF token of the cached admin session, sent on every state-changing request. */
  csrfToken: () => string | undefined;
  /** An admin endpoint answered 401: the session is gone, so the app shows the sign-in page. */
  onUnauthenticated: () => void;
}

let sessionHooks: SessionHooks = { csrfToken: () => undefined, onUnauthenticated: () => {} };

/** Connects the client to the app's session cache; called once where the QueryClient is made. */
export function connectApiClientToSession(hooks: SessionHooks): void {
  sessionHooks = hooks;
}

let embedded: Map<string, unknown> | undefined;

/**
 * On the server, the page renderer (ssr/render-page.tsx) hands over the answers it asked the API
 * for, so the page's own prefetch finds them as the browser finds them in the page; `undefined`
 * when it is done.
 */
export function serveAnswers(answers: Record<string, unknown> | undefined): void {
  embedded = answers ? new Map(Object.entries(answers)) : undefined;
}

/** The answers the server served with the page (see shared/api/first-screen.ts), read once. */
function embeddedAnswers(): Map<string, unknown> {
  if (embedded) return embedded;
  embedded = new Map();
  if (typeof document === 'undefined') return embedded;
  const element = document.getElementById(EMBEDDED_ANSWERS_ID);
  try {
    const answers: unknown = JSON.parse(element?.textContent || '{}');
    if (answers && typeof answers === 'object') embedded = new Map(Object.entries(answers));
  } catch {
    // Not usable: the page asks the server as it would without them.
  }
  element?.remove();
  return embedded;
}

/** Whether the page came with API answers for its first screen. */
export function hasEmbeddedAnswers(): boolean {
  return embeddedAnswers().size > 0;
}

/** The answer embedded in the page for this GET, once: the next request for it asks the server. */
function takeEmbeddedAnswer(endpoint: Endpoint, target: string): { payload: unknown } | undefined {
  const answers = embeddedAnswers();
  if (endpoint.method !== 'GET' || !answers.has(target)) return undefined;
  const payload = answers.get(target);
  answers.delete(target);
  return { payload };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends one request described by the contract and parses the answer with the contract's schema
 * for that status. Resolves with the parsed success body; rejects with an ApiError otherwise.
 */
export async function apiRequest<E extends Endpoint>(
  endpoint: E,
  ...[parts]: Record<never, never> extends RequestParts<E> ? [RequestParts<E>?] : [RequestParts<E>]
): Promise<SuccessOf<E>> {
  const { body, signal, ...where } = (parts ?? {}) as { body?: unknown; signal?: AbortSignal };
  const headers = new Headers({ accept: 'application/json' });
  if (body !== undefined) headers.set('content-type', 'application/json');
  const csrfToken = isStateChanging(endpoint.method) ? sessionHooks.csrfToken() : undefined;
  if (csrfToken) headers.set('x-csrf-token', csrfToken);

  const target = requestTarget(endpoint, where);
  const known = takeEmbeddedAnswer(endpoint, target);
  let status = 200;
  let payload = known?.payload;
  if (!known) {
    // Rendering on the server: what the API answered is all there is, asked for before.
    if (typeof window === 'undefined') throw networkError();
    let response: Response;
    try {
      response = await fetch(new URL(target, window.location.origin), {
        method: endpoint.method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw networkError();
    }
    status = response.status;
    payload = await readJson(response);
    if (!response.ok) {
      if (status === 401 && endpoint.auth === 'admin') sessionHooks.onUnauthenticated();
      throw toApiError(status, payload, response.headers);
    }
  }
  const schema = endpoint.responses[status];
  const parsed = schema?.safeParse(payload);
  if (!parsed?.success) {
    throw new ApiError(
      status,
      'unexpected_response',
      `The server answered ${endpoint.method} ${endpoint.path} in a form this console does not know. Reload the page; if it persists, the server and console versions differ.`,
    );
  }
  return parsed.data as SuccessOf<E>;
}
