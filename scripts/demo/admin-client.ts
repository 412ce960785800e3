/**
 * The console's admin API as a script calls it: POST /api/session for the session cookie and its
 * CSRF token, then requests described by the contract, their answers parsed with its schemas.
 */
import {
  type BodyOf,
  buildPath,
  type Endpoint,
  isStateChanging,
  type QueryOf,
  type SuccessOf,
} from '../../src/shared/api/endpoint';
import { signIn } from '../../src/shared/api/session';

interface Parts<E extends Endpoint> {
  params?: Record<string, string | number>;
  query?: QueryOf<E>;
  body?: BodyOf<E>;
}

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export class AdminClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<AdminClient> {
    const response = await fetch(`${baseUrl}${signIn.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status !== 200) {
      throw new Error(`Admin sign-in answered ${response.status}: ${await response.text()}`);
    }
    const session = signIn.responses[200].parse(await response.json());
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    return new AdminClient(baseUrl, cookie, session.csrfToken);
  }

  async call<E extends Endpoint>(endpoint: E, parts: Parts<E> = {}): Promise<SuccessOf<E>> {
    const url = new URL(buildPath(endpoint.path, parts.params), this.baseUrl);
    for (const [key, value] of Object.entries(parts.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', cookie: this.cookie };
    if (isStateChanging(endpoint.method)) headers['x-csrf-token'] = this.csrfToken;
    if (parts.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, {
      method: endpoint.method,
      headers,
      body: parts.body === undefined ? undefined : JSON.stringify(parts.body),
    });
    const text = await response.text();
    const payload: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) {
      const error = payload as { code?: string; message?: string } | undefined;
      throw new AdminApiError(
        response.status,
        error?.code,
        `${endpoint.method} ${endpoint.path} answered ${response.status}: ${error?.message ?? text}`,
      );
    }
    const schema = endpoint.responses[response.status];
    if (!schema)
      throw new Error(`${endpoint.method} ${endpoint.path}: unexpected ${response.status}`);
    return schema.parse(payload) as SuccessOf<E>;
  }
}
