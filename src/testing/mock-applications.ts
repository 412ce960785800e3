import { api, judgeApplicationUri } from '../shared/api';
import type { ApplicationView } from '../shared/api/applications';
import { mockBackend } from './mock-backend';
import { apiError, handle, reply } from './msw';

/** The issuer the mock console answers with (PUBLIC_URL). */
export const MOCK_ISSUER = 'https://sso.acme.example';
export const MOCK_CLIENT_SECRET = 'osc_cs_ClientSecret-shown-once';

export function applicationFactory(overrides: Partial<ApplicationView> = {}): ApplicationView {
  return {
    clientId: 'osc_app_AAAAAAAAAAAAAAAA',
    name: 'Time tracker',
    redirectUris: ['https://time.acme.example/callback'],
    postLogoutRedirectUris: [],
    createdAt: '2026-11-02T09:00:00.000Z',
    createdBy: 'admin@acme.example',
    secretSetAt: '2026-11-02T09:00:00.000Z',
    previousSecretValidUntil: null,
    ...overrides,
  };
}

const notFound = () => apiError(404, 'not_found', 'There is no application with this client ID.');

/** Applications over `mockBackend.applications`, with the server's https rule (no loopback). */
export function applicationHandlers() {
  return [
    handle(api.listApplications, () =>
      reply(200, {
        applications: mockBackend.applications,
        issuer: MOCK_ISSUER,
        discoveryUrl: `${MOCK_ISSUER}/.well-known/openid-configuration`,
      }),
    ),
    handle(api.createApplication, ({ body }) => {
      const fields: Record<string, string> = {};
      for (const field of ['redirectUris', 'postLogoutRedirectUris'] as const) {
        const problem = body[field].map((u) => judgeApplicationUri(u, false)).find(Boolean);
        if (problem) fields[field] = problem;
      }
      if (Object.keys(fields).length > 0) {
        return apiError(400, 'invalid_request', 'One field needs attention.', fields);
      }
      const n = mockBackend.applications.length + 1;
      const application = applicationFactory({
        clientId: `osc_app_${String(n).padStart(16, 'B')}`,
        name: body.name,
        redirectUris: body.redirectUris,
        postLogoutRedirectUris: body.postLogoutRedirectUris,
        createdAt: new Date().toISOString(),
        secretSetAt: new Date().toISOString(),
      });
      mockBackend.applications = [...mockBackend.applications, application];
      return reply(201, { application, clientSecret: MOCK_CLIENT_SECRET });
    }),
    handle(api.rotateApplicationSecret, ({ params, body }) => {
      const found = mockBackend.applications.find((a) => a.clientId === params.clientId);
      if (!found) return notFound();
      const now = Date.now();
      const application = {
        ...found,
        secretSetAt: new Date(now).toISOString(),
        previousSecretValidUntil:
          body.graceHours > 0 ? new Date(now + body.graceHours * 3600_000).toISOString() : null,
      };
      mockBackend.applications = mockBackend.applications.map((a) =>
        a.clientId === params.clientId ? application : a,
      );
      return reply(200, { application, clientSecret: `${MOCK_CLIENT_SECRET}-rotated` });
    }),
    handle(api.removeApplication, ({ params }) => {
      if (!mockBackend.applications.some((a) => a.clientId === params.clientId)) return notFound();
      mockBackend.applications = mockBackend.applications.filter(
        (a) => a.clientId !== params.clientId,
      );
      return reply(204, undefined);
    }),
  ];
}
