import type { FastifyInstance } from 'fastify';
import {
  getIncomingKeys,
  type IncomingKeysView,
  saveIncomingKeys,
  verifyIncomingKeys,
} from '../../../shared/api/incoming-keys';
import type { AuditInput } from '../../services/activity/audit-log';
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

  registerEndpoint(app, ctx, verifyIncomingKeys, async () =>
    respond(200, await ctx.incomingKeys.recheck()),
  );
}
