import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { api } from '../../shared/api';
import { apiError, contractViolations, handle, reply, server } from '../../testing/msw';
import { ApiError, apiRequest, connectApiClientToSession } from './api-client';

function connect(csrfToken?: string) {
  const unauthenticated: string[] = [];
  connectApiClientToSession({
    csrfToken: () => csrfToken,
    onUnauthenticated: () => unauthenticated.push('signed out'),
  });
  return unauthenticated;
}

describe('apiRequest', () => {
  it('resolves with the body parsed by the contract', async () => {
    connect();
    const settings = await apiRequest(api.getSettings);
    expect(settings.loginRedirectUri).toMatch(/\/auth\/okta\/callback$/);
  });

  it('sends the CSRF token on state-changing requests only', async () => {
    connect('token-123');
    const seen: (string | null)[] = [];
    server.events.on('request:start', ({ request }) => {
      seen.push(`${request.method} ${request.headers.get('x-csrf-token')}`);
    });
    await apiRequest(api.getSettings);
    await apiRequest(api.verifyIncomingKeys).catch(() => {});
    server.events.removeAllListeners('request:start');
    expect(seen).toEqual(['GET null', 'POST token-123']);
  });

  it('turns an error answer into an ApiError with fields and Retry-After', async () => {
    connect();
    server.use(
      handle(api.signIn, () => ({
        ...apiError(429, 'rate_limited', 'Too many failed sign-ins. Try again in 30 seconds.'),
        headers: { 'retry-after': '30' },
      })),
    );
    const failure = await apiRequest(api.signIn, {
      body: { email: 'a@example.com', password: 'x' },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 30 });
  });

  it('reports a 401 from an admin endpoint as "signed out", but not from sign-in', async () => {
    const unauthenticated = connect();
    server.use(
      handle(api.getSettings, () => apiError(401, 'unauthenticated', 'Sign in to continue.')),
      handle(api.signIn, () =>
        apiError(401, 'unauthenticated', 'The email and password do not match.'),
      ),
    );
    await expect(apiRequest(api.getSettings)).rejects.toMatchObject({ status: 401 });
    await expect(
      apiRequest(api.signIn, { body: { email: 'a@example.com', password: 'x' } }),
    ).rejects.toMatchObject({ message: 'The email and password do not match.' });
    expect(unauthenticated).toEqual(['signed out']);
  });

  it('refuses a success body outside the contract', async () => {
    connect();
    server.use(http.get(api.getSettings.path, () => HttpResponse.json({ publicUrl: 42 })));
    await expect(apiRequest(api.getSettings)).rejects.toMatchObject({
      code: 'unexpected_response',
    });
  });

  it('says so when the server cannot be reached', async () => {
    connect();
    server.use(http.get(api.getSettings.path, () => HttpResponse.error()));
    await expect(apiRequest(api.getSettings)).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});

describe('MSW handlers built from the contract', () => {
  it('fail the test when a handler answers outside the contract', async () => {
    connect();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {}); // MSW logs the throw
    server.use(handle(api.getSettings, () => reply(200, { publicUrl: 42 } as never)));
    await expect(apiRequest(api.getSettings)).rejects.toBeInstanceOf(ApiError);
    expect(contractViolations).toHaveLength(1);
    expect(contractViolations[0]).toMatch(/GET \/api\/settings: the handler answered 200 outside/);
    contractViolations.length = 0; // seen and expected: do not fail this test in afterEach
    quiet.mockRestore();
  });
});

describe('answers served with the page', () => {
  /** A fresh api-client module that finds `answers` in the page, as the server serves it. */
  async function clientWithAnswers(answers: Record<string, unknown>) {
    const element = document.createElement('script');
    element.type = 'application/json';
    element.id = 'api-answers';
    element.textContent = JSON.stringify(answers);
    document.body.append(element);
    vi.resetModules();
    return import('./api-client');
  }

  it('answers a GET from the page once, parsed by the contract, then asks the server', async () => {
    const embedded = {
      publicUrl: 'https://embedded.example',
      loginRedirectUri: 'https://embedded.example/auth/okta/callback',
      initiateLoginUri: 'https://embedded.example/auth/okta',
      allowHttpLoopbackIssuer: false,
    };
    const client = await clientWithAnswers({ '/api/settings': embedded });
    const seen: string[] = [];
    server.events.on('request:start', ({ request }) => seen.push(new URL(request.url).pathname));
    try {
      expect(client.hasEmbeddedAnswers()).toBe(true);
      const first = await client.apiRequest(api.getSettings);
      expect(first.loginRedirectUri).toBe(embedded.loginRedirectUri);
      expect(seen).toEqual([]);
      // The element is gone from the page once read.
      expect(document.getElementById('api-answers')).toBeNull();

      const second = await client.apiRequest(api.getSettings);
      expect(second.loginRedirectUri).not.toBe(embedded.loginRedirectUri);
      expect(seen).toEqual(['/api/settings']);
    } finally {
      server.events.removeAllListeners('request:start');
    }
  });

  it('refuses an embedded answer the contract does not accept, as it would a fetched one', async () => {
    const client = await clientWithAnswers({ '/api/settings': { loginRedirectUri: 42 } });
    const error = await client.apiRequest(api.getSettings).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unexpected_response' });
  });

  it('ignores answers that are not JSON', async () => {
    const element = document.createElement('script');
    element.type = 'application/json';
    element.id = 'api-answers';
    element.textContent = '{not json';
    document.body.append(element);
    vi.resetModules();
    const client = await import('./api-client');
    expect(client.hasEmbeddedAnswers()).toBe(false);
    const settings = await client.apiRequest(api.getSettings);
    expect(settings.loginRedirectUri).toMatch(/\/auth\/okta\/callback$/);
  });
});
