import type { FastifyInstance } from 'fastify';
import {
  getIncomingKeys,
  type IncomingKeysView,
  saveIncomingKeys,
  verifyIncomingKeys,
} from '../../../shared/api/incoming-keys';
import type { AuditInput } from '../../services/activity/audit-log';
import { ServiceError } from '../../services/errors';
import type { RecheckedIncomingKeys } from '../../services/incoming-keys';
import { recordAttempt } from '../audit-attempt';
import type { AppContext } from '../context';
import { registerEndpoint, respond } from '../endpoint';

/** The audit entry of a save: which fields changed, never the client secret itself. */
function savedEntry(
  actor: string,
  before: IncomingKeysView,
  after: IncomingKeysView,
  secretGiven: boolean,
): AuditInput {
  const now = after.configured ? after : undefined;
  const was = before.configured ? before : undefined;
  const changed = [
    was && was.clientId !== now?.clientId && 'Client ID',
    was && was.issuerUri !== now?.issuerUri && 'Issuer URI',
    was && secretGiven && 'Client secret',
  ].filter((v): v is string => typeof v === 'string');
  let summary = 'Set up the incoming Okta keys';
  if (was) {
    summary =
      changed.length > 0
        ? `Changed the incoming Okta keys: ${changed.join(', ')}`
        : 'Saved the incoming Okta keys without changes';
  }
  return {
    kind: 'incoming_keys_saved',
    actor,
    summary,
    details: {
      clientId: now?.clientId ?? null,
      issuerUri: now?.issuerUri ?? null,
      previousClientId: was?.clientId ?? null,
      previousIssuerUri: was?.issuerUri ?? null,
      secretChanged: !was || secretGiven,
    },
  };
}

/** The audit entry of "Verify now": whether the stored keys work, else Okta's reason in words. */
function verifiedEntry(
  actor: string,
  keys: IncomingKeysView | undefined,
  failure?: string,
): AuditInput {
  const stored = keys?.configured ? keys : undefined;
  return {
    kind: 'incoming_keys_verified',
    actor,
    summary: failure
      ? `Verified the incoming Okta keys: they do not work. ${failure}`
      : 'Verified the incoming Okta keys: they work',
    details: {
      works: !failure,
      reason: failure ?? null,
      clientId: stored?.clientId ?? null,
      issuerUri: stored?.issuerUri ?? null,
    },
  };
}

/**
 * The audit entry of a "Verify now" whose answer came after a Save changed the keys: the check was
 * of the previous keys, so nothing of it was stored; the saved keys were checked by their Save.
 */
function supersededEntry(actor: string, checked: RecheckedIncomingKeys['checked']): AuditInput {
  return {
    kind: 'incoming_keys_verified',
    actor,
    summary:
      'Verified the incoming Okta keys: they were changed while Okta was asked, so this check of the previous keys was not stored',
    details: {
      works: true,
      reason: null,
      clientId: checked.client_id,
      issuerUri: checked.issuer_uri,
      keysChanged: true,
    },
  };
}

export function incomingKeysRoutes(app: FastifyInstance, ctx: AppContext) {
  registerEndpoint(app, ctx, getIncomingKeys, async () =>
    respond(200, await ctx.incomingKeys.view()),
  );

  registerEndpoint(app, ctx, saveIncomingKeys, async ({ body, admin, request }) => {
    // Okta is asked first; only then are the keys and their audit entry stored, together.
    const checked = await ctx.incomingKeys.check(body, admin.email);
    const { after } = await ctx.audit.recorded(
      (trx) => ctx.incomingKeys.withDb(trx).store(checked),
      ({ before, after }) => savedEntry(admin.email, before, after, body.clientSecret !== ''),
    );
    request.log.info({ event: 'incoming_keys.saved', admin: admin.email }, 'incoming keys saved');
    return respond(200, after);
  });

  registerEndpoint(app, ctx, verifyIncomingKeys, async ({ admin, request }) => {
    // Okta is asked first, outside any transaction; a refusal stores nothing but is recorded.
    let rechecked: RecheckedIncomingKeys;
    try {
      rechecked = await ctx.incomingKeys.recheck();
    } catch (error) {
      if (error instanceof ServiceError && error.kind === 'invalid') {
        const keys = await ctx.incomingKeys.view().catch(() => undefined);
        await recordAttempt(ctx, request, verifiedEntry(admin.email, keys, error.message));
      }
      throw error;
    }
    // Stored only if the keys are still the ones checked; else the newer keys are answered.
    const { view, stored } = await ctx.audit.recorded(
      (trx) => ctx.incomingKeys.withDb(trx).storeRecheck(rechecked),
      (outcome) =>
        outcome.stored
          ? verifiedEntry(admin.email, outcome.view)
          : supersededEntry(admin.email, rechecked.checked),
    );
    request.log.info(
      {
        event: 'incoming_keys.verified',
        admin: admin.email,
        ...(stored ? {} : { keysChanged: true }),
      },
      'incoming keys verified',
    );
    return respond(200, view);
  });
}
