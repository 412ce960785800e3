import type {
  ProvisioningAction,
  ProvisioningOutcome,
  SyncHealth,
  SyncWarning,
} from '../../../shared/api/activity';
import { provisioningAction } from '../../../shared/api/activity';
import type { Db } from '../../db/database';
import type { ScimActivity } from '../scim/activity';
import type { DeprovisioningGuard } from './deprovisioning';

const DAY_MS = 86_400_000;
/** An active access key unused this long is worth a look. */
const KEY_UNUSED_DAYS = 30;
/** The same request failing this often in 24 hours is Okta retrying it. */
const REPEATS = 3;
const MAX_REPEATED = 5;

export interface SyncHealthOptions {
  /** okta_silent after this many days without a request. */
  silentDays: number;
}

const day = (iso: string) => iso.slice(0, 10);
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the main page shows about Okta's provisioning: recent requests, errors, warnings. */
export class SyncHealthService {
  constructor(
    private readonly db: Db,
    private readonly activity: ScimActivity,
    private readonly bursts: DeprovisioningGuard,
    private readonly options: SyncHealthOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async health(): Promise<SyncHealth> {
    await this.activity.flush();
    const now = this.now();
    const since = new Date(now.getTime() - DAY_MS).toISOString();
    const lastByAction = await this.lastByAction();
    const last24 = await this.db
      .selectFrom('scim_requests')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn
          .sum<number>(eb.case().when('outcome', '=', 'error').then(1).else(0).end())
          .as('errors'),
      ])
      .where('at', '>=', since)
      .executeTakeFirst();
    const requests = Number(last24?.n ?? 0);
    const errors = Number(last24?.errors ?? 0);
    const openBursts = await this.bursts.open();
    const warnings: SyncWarning[] = [
      ...(await this.silence(now)),
      ...(await this.repeatedFailures(since)),
      ...(await this.unusedKeys(now)),
      ...openBursts.map((b) => ({
        kind: 'deprovisioning_burst' as const,
        message: `Okta deactivated ${plural(b.deactivated, 'user')} (${Math.round(b.share * 100)}% of the active users) between ${minute(b.startedAt)} and ${minute(b.lastAt)}. If that was not intended, reactivate them here, then fix the assignments in Okta.`,
      })),
    ];
    return {
      lastByAction,
      last24h: { requests, errors, errorRate: requests === 0 ? 0 : errors / requests },
      warnings,
      openBursts,
    };
  }

  /** One indexed look-up per action. */
  private async lastByAction(): Promise<SyncHealth['lastByAction']> {
    const out: SyncHealth['lastByAction'] = [];
    for (const action of provisioningAction.options) {
      const row = await this.db
        .selectFrom('scim_requests')
        .select(['at', 'status', 'outcome'])
        .where('kind', '=', action)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (row) {
        out.push({
          action: action as ProvisioningAction,
          at: row.at,
          status: row.status,
          outcome: row.outcome as ProvisioningOutcome,
        });
      }
    }
    return out;
  }

  /** Okta has been heard from (a request, or a key's use), but not for `silentDays`. */
  private async silence(now: Date): Promise<SyncWarning[]> {
    const days = this.options.silentDays;
    const edge = new Date(now.getTime() - days * DAY_MS).toISOString();
    const request = await this.db
      .selectFrom('scim_requests')
      .select((eb) => eb.fn.max('at').as('at'))
      .executeTakeFirst();
    const keys = await this.db
      .selectFrom('scim_access_keys')
      .select((eb) => [eb.fn.max('last_used_at').as('used'), eb.fn.min('created_at').as('created')])
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const heard = [request?.at, keys?.used]
      .filter((v): v is string => typeof v === 'string')
      .sort()
      .pop();
    const message = (since: string) =>
      `Okta has sent no provisioning request for ${plural(days, 'day')} (nothing since ${day(since)}). Check that provisioning is still enabled in the Okta app and that its API token is an active access key, then choose Test the Integration in Okta.`;
    if (heard) return heard < edge ? [{ kind: 'okta_silent', message: message(heard) }] : [];
    const created = keys?.created as string | null | undefined;
    if (created && created < edge) {
      return [
        {
          kind: 'okta_silent',
          message: `No SCIM request has arrived since the access key was created on ${day(created)}. Paste the key into the Okta app as its API token, then choose Test the Integration.`,
        },
      ];
    }
    return [];
  }

  /** The same request (method, path, user or group) failing again and again in 24 hours. */
  private async repeatedFailures(since: string): Promise<SyncWarning[]> {
    const rows = await this.db
      .selectFrom('scim_requests')
      .select((eb) => [
        'method',
        'path',
        'resource_name',
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('id').as('last_id'),
      ])
      .where('at', '>=', since)
      .where('outcome', '=', 'error')
      .groupBy(['method', 'path', 'resource_name'])
      .having((eb) => eb.fn.countAll(), '>=', REPEATS)
      .orderBy('n', 'desc')
      .limit(MAX_REPEATED * 2)
      .execute();
    const warnings: SyncWarning[] = [];
    for (const r of rows) {
      const last = await this.db
        .selectFrom('scim_requests')
        .select(['status', 'error', 'id'])
        .where('id', '=', Number(r.last_id))
        .executeTakeFirst();
      // Resolved when the same request has succeeded since its last failure.
      let later = this.db
        .selectFrom('scim_requests')
        .select('id')
        .where('id', '>', Number(r.last_id))
        .where('method', '=', r.method)
        .where('path', '=', r.path)
        .where('outcome', '<>', 'error');
      later =
        r.resource_name === null
          ? later.where('resource_name', 'is', null)
          : later.where('resource_name', '=', r.resource_name);
      if (await later.limit(1).executeTakeFirst()) continue;
      const subject = r.resource_name ? ` for ${r.resource_name}` : '';
      const reason = last?.error ? `: ${last.error}` : '';
      warnings.push({
        kind: 'repeated_failure',
        message: `${r.method} ${r.path}${subject} failed ${plural(Number(r.n), 'time')} in the last 24 hours (last answer ${last?.status ?? '?'}${reason}). Okta retries a failed request until it succeeds: fix the cause, see Activity.`,
      });
      if (warnings.length >= MAX_REPEATED) break;
    }
    return warnings;
  }

  /** Active keys not used for 30 days (or never, 30 days after creation). */
  private async unusedKeys(now: Date): Promise<SyncWarning[]> {
    const edge = new Date(now.getTime() - KEY_UNUSED_DAYS * DAY_MS).toISOString();
    const rows = await this.db
      .selectFrom('scim_access_keys')
      .select(['prefix', 'created_at', 'last_used_at'])
      .where('revoked_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('last_used_at', '<', edge),
          eb.and([eb('last_used_at', 'is', null), eb('created_at', '<', edge)]),
        ]),
      )
      .orderBy('id')
      .execute();
    return rows.map((k) => ({
      kind: 'access_key_unused' as const,
      message: k.last_used_at
        ? `The access key ${k.prefix}… has not been used since ${day(k.last_used_at)}. If Okta now uses another key, revoke this one.`
        : `The access key ${k.prefix}… was created on ${day(k.created_at)} and has never been used. Paste it into Okta, or revoke it.`,
    }));
  }
}
