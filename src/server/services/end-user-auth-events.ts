import type { RefusalReason, SignInEventList } from '../../shared/api/sign-in-events';
import type { Db } from '../db/database';
import { inTransaction } from '../db/transaction';
import type { AuditLog } from './activity/audit-log';

/** Events kept: the newest this many; older ones are dropped as new ones arrive. */
const KEEP = 10_000;

/** Each refusal in words for the admin, with what to change. */
export const ADMIN_REASONS: Record<RefusalReason, string> = {
  not_configured: 'Sign-in is not configured yet: set up the incoming Okta keys.',
  issuer_mismatch:
    'Okta started the sign-in with another issuer (iss) than the configured Issuer URI. Check the Issuer URI, or the Initiate Login URI of the Okta app.',
  not_assigned:
    'Okta refused the person: they are not assigned to the sign-in (OpenID Connect) app. Assign the same group to both Okta apps.',
  not_provisioned:
    'Okta signed the person in, but the SCIM provisioning app never provisioned them: they are assigned to the sign-in app only. Assign the same group to both Okta apps.',
  deactivated:
    'The person is deactivated: Okta unassigned them from the SCIM provisioning app or deactivated them.',
  no_licence:
    'The person is in no directory group mapped to Basic or Pro. Map one of their groups, or add them to a mapped group in Okta.',
  invalid_response:
    'The answer from Okta failed a check (state, code exchange or ID token), or the sign-in took too long. Ask the person to try again; if it persists, verify the incoming keys.',
  okta_error: 'Okta answered the sign-in with an error.',
};

export interface SignInEventInput {
  login: string | null;
  outcome: 'signed_in' | 'refused';
  reason: RefusalReason | null;
  userId?: string | null;
}

export class SignInEvents {
  constructor(
    private readonly db: Db,
    /** Refusals are also written to the admin audit log. */
    private readonly audit?: AuditLog,
  ) {}

  /**
   * One sign-in's records, stored together or not at all: the event, a refusal's audit entry, a
   * success's last sign-in time. Callers treat a failure here as a log line, not as the answer.
   */
  async record(event: SignInEventInput): Promise<void> {
    const at = new Date().toISOString();
    const who = event.login?.slice(0, 320) ?? null;
    await inTransaction(this.db, async (trx) => {
      if (event.outcome === 'signed_in' && event.userId) {
        await trx
          .insertInto('end_user_last_sign_in')
          .values({ user_id: event.userId, at })
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ at }))
          .execute();
      }
      const { id } = await trx
        .insertInto('sign_in_events')
        .values({
          at,
          login: who,
          outcome: event.outcome,
          reason: event.reason,
          user_id: event.userId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (event.outcome === 'refused' && event.reason && this.audit) {
        await this.audit.record(
          {
            kind: 'end_user_refused',
            actor: who ?? 'system',
            summary: `Refused the sign-in of ${who ?? 'an unknown person'}: ${ADMIN_REASONS[event.reason]}`,
            details: { reason: event.reason, login: who },
          },
          trx,
        );
      }
      if (id > KEEP)
        await trx
          .deleteFrom('sign_in_events')
          .where('id', '<=', id - KEEP)
          .execute();
    });
  }

  async list(
    outcome: 'refused' | 'signed_in' | 'all',
    limit: number,
    before?: number,
  ): Promise<SignInEventList> {
    let query = this.db
      .selectFrom('sign_in_events')
      .select(['id', 'at', 'login', 'outcome', 'reason'])
      .orderBy('id', 'desc')
      .limit(limit);
    if (outcome !== 'all') query = query.where('outcome', '=', outcome);
    if (before !== undefined) query = query.where('id', '<', before);
    const rows = await query.execute();
    return {
      events: rows.map((r) => {
        const reason = (r.reason as RefusalReason | null) ?? null;
        return { ...r, reason, message: reason ? ADMIN_REASONS[reason] : null };
      }),
    };
  }
}
