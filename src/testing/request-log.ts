/**
 * The requests the app sent to one endpoint during a test, with their query and JSON body, so a
 * test can assert on what reached the server (not only on what the page shows).
 */
import { afterEach, beforeEach } from 'vitest';
import type { Endpoint } from '../shared/api';
import { server } from './msw';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

const logged: LoggedRequest[] = [];

function matches(endpoint: Endpoint, request: LoggedRequest): boolean {
  const pattern = new RegExp(`^${endpoint.path.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}$`);
  return request.method === endpoint.method && pattern.test(request.path);
}

/** Call at the top of a test file: starts logging before each test and clears after it. */
export function logRequests() {
  const listener = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const entry: LoggedRequest = {
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: undefined,
    };
    logged.push(entry);
    const text = await request.clone().text();
    entry.body = text === '' ? undefined : JSON.parse(text);
  };
  beforeEach(() => {
    logged.length = 0;
    server.events.on('request:start', listener);
  });
  afterEach(() => {
    server.events.removeListener('request:start', listener);
  });
}

/** The requests sent to `endpoint` so far in this test, oldest first. */
export function requestsTo(endpoint: Endpoint): LoggedRequest[] {
  return logged.filter((request) => matches(endpoint, request));
}
