import type { FastifyRequest } from 'fastify';
import type { AuditInput } from '../services/activity/audit-log';
import type { AppContext } from './context';

/**
 * Records an attempt that stored nothing (a failed sign-in, a failed "Verify now"). The person's
 * answer is about the attempt, so a failed audit write must not turn it into a 500: the failure
 * is logged once, by kind, without the entry's details or anything from the request.
 */
export async function recordAttempt(
  ctx: AppContext,
  request: FastifyRequest,
  entry: AuditInput,
): Promise<void> {
  try {
    await ctx.audit.record(entry);
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    request.log.warn(
      { event: 'audit.not_recorded', kind: entry.kind, err: { type: name, message } },
      'audit entry not recorded',
    );
  }
}
