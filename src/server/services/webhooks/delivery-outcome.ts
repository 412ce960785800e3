import type { Db } from '../../db/database';
import type { SendResult } from './send';

/** Exponential backoff with full jitter: anywhere up to base·2^attempts (capped), at least base/10. */
export function retryDelay(attempts: number, baseMs: number, maxMs: number, random = Math.random) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempts, 40));
  return Math.max(Math.ceil(baseMs / 10), Math.round(random() * ceiling));
}

export interface RetryPolicy {
  retryBaseMs: number;
  retryMaxMs: number;
  /** A delivery still failing this long after it was queued is given up, and its endpoint disabled. */
  giveUpAfterMs: number;
}

/** One finished attempt, waiting to be written with the others of its round. */
export interface Outcome {
  id: number;
  endpointId: number;
  createdAt: string;
  /** Attempts before this one. */
  attempts: number;
  at: Date;
  result: SendResult;
}

/**
 * Writes one attempt's outcome: delivered; pending again after a backoff; or, past the give-up
 * time, failed with its endpoint disabled (the notice on the main page reads `disabled_reason`).
 * The row's lease (`locked_until`) ends here, which lets the person's next delivery go.
 */
export async function recordOutcome(trx: Db, o: Outcome, policy: RetryPolicy): Promise<void> {
  const attempts = o.attempts + 1;
  const common = {
    attempts,
    locked_until: null,
    last_attempt_at: o.at.toISOString(),
    last_status: o.result.status,
    last_duration_ms: o.result.durationMs,
    last_error: o.result.error,
    last_response: o.result.response,
  };
  const update = trx.updateTable('webhook_deliveries').where('id', '=', o.id);
  if (o.result.ok) {
    await update
      .set({ ...common, status: 'delivered', delivered_at: new Date().toISOString() })
      .execute();
    return;
  }
  const age = Date.now() - Date.parse(o.createdAt);
  if (age < policy.giveUpAfterMs) {
    const delay = retryDelay(attempts - 1, policy.retryBaseMs, policy.retryMaxMs);
    const next = new Date(Date.now() + Math.min(delay, policy.giveUpAfterMs - age + 1));
    await update.set({ ...common, next_attempt_at: next.toISOString() }).execute();
    return;
  }
  const now = new Date().toISOString();
  await update.set({ ...common, status: 'failed' }).execute();
  await trx
    .updateTable('webhook_endpoints')
    .set({
      enabled: 0,
      disabled_at: now,
      updated_at: now,
      disabled_reason: `Deliveries kept failing for ${Math.round(policy.giveUpAfterMs / 3_600_000)} hours, so the console disabled this endpoint. Last error: ${o.result.error ?? 'unknown'}`,
    })
    .where('id', '=', o.endpointId)
    .where('enabled', '=', 1)
    .execute();
}
