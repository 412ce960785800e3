import type { FastifyRequest } from 'fastify';
import { ServiceError, tooManyFailures } from '../services/errors';
import type { AppContext } from './context';

/**
 * The API key of an /api/v1 request, with failures limited per address as SCIM's are: past
 * API_AUTH_MAX_FAILURES_PER_MINUTE, 429 with Retry-After, even for the right key, until the
 * window moves on. The limiter keeps the address only; the key is never stored nor logged.
 */
export async function authenticateApiKey(ctx: AppContext, request: FastifyRequest) {
  const wait = await ctx.apiKeyFailures.retryAfterSeconds(request.ip);
  if (wait > 0) {
    throw tooManyFailures('requests with a wrong API key', wait);
  }
  try {
    await ctx.apiKeys.authenticate(request.headers.authorization);
  } catch (error) {
    if (error instanceof ServiceError && error.kind === 'unauthenticated') {
      await ctx.apiKeyFailures.fail(request.ip);
    }
    throw error;
  }
}
