import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { SCIM_CONTENT_TYPE } from '../../../shared/scim/constants';
import { scimErrorBody, scimErrorSchema } from '../../../shared/scim/errors';
import { ServiceError } from '../../services/errors';
import { invalidSyntax, ScimError } from '../../services/scim/errors';

/** Sends a SCIM answer; with `check` (tests), a body outside its schema fails loudly. */
export function sendScim(
  reply: FastifyReply,
  status: number,
  body: unknown,
  check?: { schema: z.ZodType; enabled: boolean },
): FastifyReply {
  if (check?.enabled) {
    const result = check.schema.safeParse(body);
    if (!result.success) {
      throw new Error(`SCIM answer ${status} outside its schema: ${result.error.message}`);
    }
  }
  reply.code(status).header('content-type', SCIM_CONTENT_TYPE).header('cache-control', 'no-store');
  return status === 204 ? reply.send() : reply.send(body);
}

const FASTIFY_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'The body is larger than this server accepts.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'Send the body as application/scim+json or application/json.',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'The Content-Length header does not match the body.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'The body is empty; send a JSON object.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The body is not valid JSON.'],
};

const SERVICE_STATUS: Record<string, number> = {
  invalid: 400,
  unauthenticated: 401,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
};

/** Every error under /scim/v2 in the SCIM error format (RFC 7644 §3.12); the admin API keeps its own. */
export function scimErrorHandler(
  error: Error & { code?: string; statusCode?: number },
  request: FastifyRequest,
  reply: FastifyReply,
) {
  let status = 500;
  let detail = 'Something went wrong on our side.';
  let scimType: ScimError['scimType'];
  if (error instanceof ScimError) {
    status = error.status;
    detail = error.message;
    scimType = error.scimType;
  } else if (error instanceof ServiceError) {
    status = SERVICE_STATUS[error.kind] ?? 400;
    detail = error.message;
    if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
  } else if (error.code && FASTIFY_ERRORS[error.code]) {
    [status, detail] = FASTIFY_ERRORS[error.code] as [number, string];
    if (status === 400) scimType = invalidSyntax('').scimType;
  } else if (error.code?.startsWith('SQLITE_CONSTRAINT_UNIQUE')) {
    // Two requests raced past the uniqueness check; the index refused the second.
    [status, detail, scimType] = [
      409,
      'A resource with this unique value already exists.',
      'uniqueness',
    ];
  } else if (error instanceof SyntaxError) {
    [status, detail, scimType] = [400, 'The body is not valid JSON.', 'invalidSyntax'];
  } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    [status, detail] = [error.statusCode, 'The request is not valid.'];
  }
  if (status >= 500) {
    request.log.error(
      { err: { type: error.name, message: error.message, stack: error.stack } },
      'SCIM request failed',
    );
  }
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="scim"');
  return sendScim(reply, status, scimErrorBody(status, detail, scimType));
}

export { scimErrorSchema };
