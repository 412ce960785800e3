import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { scimErrorBody } from '../../shared/scim/errors';
import type { Config } from '../config';
import { securityHeaderEntries } from './security-headers';

/**
 * A malformed address (`/api/%zz`, an over-long id) fails before routing, where no hook runs:
 * answered here with the security headers, in the SCIM Error format under /scim/v2 and in the
 * API's error shape elsewhere.
 */
export function badUrlHandler(config: Config) {
  const headers = Object.fromEntries(securityHeaderEntries(config));
  return (_error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const message = 'The address is not valid.';
    reply.code(400).headers({ ...headers, 'cache-control': 'no-store' });
    if (request.url.startsWith('/scim/')) {
      return reply
        .type('application/scim+json; charset=utf-8')
        .send(scimErrorBody(400, message, 'invalidSyntax'));
    }
    return reply.send({ code: 'bad_url', message });
  };
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request took too long to arrive.'],
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request headers or address are too large.'],
};

/**
 * Errors the HTTP parser meets before there is a request (a slow or oversized header, broken
 * HTTP): written to the socket, which is then closed. The path is unknown here, so the body
 * carries both the API's `{code, message}` and SCIM's Error fields.
 */
export function clientErrorHandler(config: Config) {
  const headers = securityHeaderEntries(config)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
      400,
      'bad_request',
      'The request is not valid HTTP.',
    ];
    const body = JSON.stringify({ code, message, ...scimErrorBody(status, message) });
    if (socket.writable) {
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    } else socket.destroy();
  };
}
