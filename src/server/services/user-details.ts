import { sql } from 'kysely';
import type { RefusalReason } from '../../shared/api/sign-in-events';
import { USER_HISTORY_LIMIT, type UserDetails } from '../../shared/api/user-details';
import type { Db } from '../db/database';
import type { ProvisioningLog } from './activity/provisioning-log';
import { ADMIN_REASONS } from './end-user-auth-events';
import { ServiceError } from './errors';
import { displayNameOf, RANK_LICENCE } from './licences';

type Doc = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const RANK = { pro: 2, basic: 1 } as const;

function emailsOf(doc: Doc): UserDetails['emails'] {
  const list = Array.isArray(doc.emails) ? (doc.emails as Doc[]) : [];
  return list.flatMap((e) => {
    const value = text(e?.value);
    return value ? [{ value, type: text(e.type), primary: e.primary === true }] : [];
  });
}

/** One person as the console knows them: for the page /users/{id}. */
export class UserDetailsService {
  constructor(
    private readonly db: Db,
    private readonly provisioningLog: ProvisioningLog,
  ) {}

  async get(id: string): Promise<UserDetails> {
    const user = await this.db
      .selectFrom('scim_users as u')
      .leftJoin('end_user_last_sign_in as ls', 'ls.user_id', 'u.id')
      .select([
        'u.seq',
        'u.id',
        'u.user_name',
        'u.external_id',
        'u.active',
        'u.doc',
        'u.created_at',
        'u.last_modified',
        'u.licence_rank',
        'ls.at as last_sign_in',
      ])
      .where('u.id', '=', id)
      .executeTakeFirst();
    if (!user) throw new ServiceError('not-found', 'No provisioned user has this id.');
    const doc = JSON.parse(user.doc) as Doc;
    const name = (doc.name ?? {}) as Doc;
    const emails = emailsOf(doc);
    const groups = await this.groupsOf(user.seq);
    const licence = RANK_LICENCE[user.licence_rank] ?? 'none';
    const giver = licence === 'none' ? undefined : groups.find((g) => g.capability === licence);
    const [provisioning, signIns] = await Promise.all([
      this.provisioningLog.list({ subject: user.id, page: 1, pageSize: USER_HISTORY_LIMIT }),
      this.signInsOf(user.id, [user.user_name, ...emails.map((e) => e.value)]),
    ]);
    return {
      id: user.id,
      userName: user.user_name,
      name: displayNameOf(doc, user.user_name),
      givenName: text(name.givenName),
      familyName: text(name.familyName),
      emails,
      externalId: user.external_id,
      locale: text(doc.locale),
      active: user.active === 1,
      createdAt: user.created_at,
      updatedAt: user.last_modified,
      licence,
      licenceReason: giver
        ? {
            kind: 'group',
            groupId: giver.id,
            groupName: giver.name,
            capability: giver.capability ?? 'basic',
          }
        : { kind: 'no_mapped_group', groupCount: groups.length },
      groups,
      lastSignInAt: user.last_sign_in,
      provisioning: provisioning.entries,
      signIns,
    };
  }

  /** Every group of the user: Pro, then Basic, then unmapped; by name. */
  private async groupsOf(userSeq: number): Promise<UserDetails['groups']> {
    const rows = await this.db
      .selectFrom('scim_group_members as m')
      .innerJoin('scim_groups as g', 'g.seq', 'm.group_seq')
      .leftJoin('directory_group_mappings as dm', 'dm.scim_group_id', 'g.id')
      .select(['g.id', 'g.display_name as name', 'g.display_name_key as key', 'dm.capability'])
      .where('m.user_seq', '=', userSeq)
      .execute();
    const rank = (c: 'basic' | 'pro' | null) => (c ? RANK[c] : 0);
    return rows
      .sort((a, b) => rank(b.capability) - rank(a.capability) || a.key.localeCompare(b.key))
      .map((r) => ({ id: r.id, name: r.name, capability: r.capability ?? null }));
  }

  /**
   * Sign-ins carry the user's id; refusals before the console knew who it was (not provisioned,
   * deactivated, no licence) carry only what they typed: their userName or an email.
   */
  private async signInsOf(id: string, logins: string[]): Promise<UserDetails['signIns']> {
    const keys = [...new Set(logins.map((l) => l.toLowerCase()))];
    const rows = await this.db
      .selectFrom('sign_in_events')
      .select(['id', 'at', 'login', 'outcome', 'reason'])
      .where((eb) => eb.or([eb('user_id', '=', id), eb(sql<string>`lower(login)`, 'in', keys)]))
      .orderBy('id', 'desc')
      .limit(USER_HISTORY_LIMIT)
      .execute();
    return rows.map((r) => {
      const reason = (r.reason as RefusalReason | null) ?? null;
      return { ...r, reason, message: reason ? ADMIN_REASONS[reason] : null };
    });
  }
}
