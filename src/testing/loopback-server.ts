/** A small HTTP server on 127.0.0.1 that answers as a test tells it, for discovery failures. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  origin: string;
  port: number;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

export async function startLoopbackServer(
  handler: (request: http.IncomingMessage, response: http.ServerResponse, origin: string) => void,
): Promise<LoopbackServer> {
  const requests: string[] = [];
  let origin = '';
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '/');
    handler(request, response, origin);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was free a moment ago: nothing listens there. */
export async function closedPort(): Promise<number> {
  const server = await startLoopbackServer(() => undefined);
  await server.close();
  return server.port;
}

/** A discovery document for `issuer`, with endpoints under `base` (defaults to the issuer). */
export function discoveryDocument(issuer: string, base = issuer): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${base}/v1/authorize`,
    token_endpoint: `${base}/v1/token`,
    jwks_uri: `${base}/v1/keys`,
    userinfo_endpoint: `${base}/v1/userinfo`,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  };
}

export function sendJson(response: http.ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
