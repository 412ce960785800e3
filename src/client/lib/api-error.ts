import { apiErrorSchema } from '../../shared/api/errors';

/** Any answer of the admin API other than 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Body field name → one message, to show next to that field. */
    readonly fields: Record<string, string> = {},
    /** Seconds the server asked to wait (Retry-After), when it did. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function fallbackMessage(status: number): string {
  if (status >= 500) return `The server had a problem (HTTP ${status}). Try again in a moment.`;
  return `The server refused the request (HTTP ${status}).`;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** Reads a non-2xx answer with the contract's error schema; anything else gets a plain message. */
export function toApiError(status: number, body: unknown, headers: Headers): ApiError {
  const retryAfter = parseRetryAfter(headers.get('retry-after'));
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success)
    return new ApiError(status, 'unexpected', fallbackMessage(status), {}, retryAfter);
  const { code, message, fields } = parsed.data;
  return new ApiError(status, code, message, fields ?? {}, retryAfter);
}

export const networkError = () =>
  new ApiError(
    0,
    'network',
    'The console could not reach its server. Check the connection and try again.',
  );
