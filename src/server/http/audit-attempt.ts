import type { FastifyRequest } from 'fastify';
import type { AuditInput } from '../services/activity/audit-log';
import type { AppContext } from './context';

/**
 * Runs a record-keeping write whose failure must not change the answer: the failure is logged
 * once at warn, with `fields` and the error's name and message only, nothing from the request.
 */
export async function recordBestEffort(
  request: FastifyRequest,
  fields: { event: string } & Record<string, string | null>,
  message: string,
  write: () => Promise<void>,
): Promise<void> {
  try {
    await write();
  } catch (error) {
    const { name, message: why } = error instanceof Error ? error : new Error(String(error));
    request.log.warn({ ...fields, err: { type: name, message: why } }, message);
  }
}

/**
 * Records an attempt that stored nothing (a failed sign-in, a failed "Verify now"). The person's
 * answer is about the attempt, so a failed audit write must not turn it into a 500: the failure
 * is logged once, by kind, without the entry's details or anything from the request.
 */
export function recordAttempt(
  ctx: AppContext,
  request: FastifyRequest,
  entry: AuditInput,
): Promise<void> {
  return recordBestEffort(
    request,
    { event: 'audit.not_recorded', kind: entry.kind },
    'audit entry not recorded',
    () => ctx.audit.record(entry),
  );
}
