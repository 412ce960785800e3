import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../shared/api/errors';
import { ServiceError, type ServiceErrorKind } from '../services/errors';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

const STATUS: Record<ServiceErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'rate-limited': 429,
};

function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  return typeof input === 'object' ? 'an object' : `a ${typeof input}`;
}

/**
 * Messages for zod's own checks, passed to each request parse. The contract's own messages
 * ("This is too long to be a Client ID.") take precedence, so both sides say the same.
 */
export const requestErrorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'This field is required.';
    return `Expected ${issue.expected}, not ${kindOf(issue.input)}.`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `Too long: at most ${issue.maximum} characters.`;
  }
  return undefined;
};

/** Turns zod issues into one message per field, named by its dotted path. */
export function zodIssuesToHttpError(where: string, issues: z.core.$ZodIssue[]): HttpError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields[[...issue.path, key].join('.')] ??= 'Unknown field: remove it.';
      }
      continue;
    }
    if (issue.path.length === 0 && issue.code === 'invalid_type') {
      fields[where] ??= where === 'body' ? 'Send the body as a JSON object.' : issue.message;
      continue;
    }
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : where;
    fields[key] ??= issue.message;
  }
  const count = Object.keys(fields).length;
  return new HttpError(400, {
    code: 'invalid_request',
    message: count === 1 ? 'One field needs attention.' : `${count} fields need attention.`,
    fields,
  });
}

export function fromServiceError(error: ServiceError): HttpError {
  const code = error.kind.replace('-', '_');
  return new HttpError(
    STATUS[error.kind],
    { code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
    error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : {},
  );
}

/** Fastify's own errors (bad JSON, too large, wrong media type) in the API's error shape. */
function fromFastifyError(error: FastifyError): HttpError | undefined {
  const status = error.statusCode ?? 500;
  if (status >= 500) return undefined;
  const messages: Record<string, string> = {
    FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON.',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty; send a JSON object.',
    FST_ERR_CTP_BODY_TOO_LARGE: 'The body is too large.',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Send the body as application/json.',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
  };
  const message =
    messages[error.code] ??
    (error instanceof SyntaxError ? 'The body is not valid JSON.' : 'The request is not valid.');
  return new HttpError(status, { code: error.code?.toLowerCase() ?? 'bad_request', message });
}

export function sendHttpError(reply: FastifyReply, error: HttpError): FastifyReply {
  return reply.code(error.status).headers(error.headers).send(error.body);
}

export function apiErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpError) return sendHttpError(reply, error);
  if (error instanceof ServiceError) return sendHttpError(reply, fromServiceError(error));
  const known = fromFastifyError(error);
  if (known) return sendHttpError(reply, known);
  request.log.error(
    { err: { type: error.name, message: error.message, stack: error.stack } },
    'request failed',
  );
  return reply.code(500).send({ code: 'internal', message: 'Something went wrong on our side.' });
}
