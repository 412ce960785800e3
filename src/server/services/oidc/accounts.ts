import type { Db } from '../../db/database';
import { displayNameOf, emailOf, RANK_LICENCE } from '../licences';

export interface AccountClaims {
  sub: string;
  email: string | null;
  name: string;
  preferred_username: string;
  licence: 'basic' | 'pro';
  /** The names of the person's groups that the console maps to Basic or Pro. */
  groups: string[];
}

/**
 * The person as the provider hands them to an application, read from the database on every call
 * (ID token, userinfo, refresh), so a lost licence or a deactivation shows at once. Undefined
 * when the person may not sign in: not provisioned, deactivated or without a licence.
 */
export async function accountClaims(db: Db, userId: string): Promise<AccountClaims | undefined> {
  const user = await db
    .selectFrom('scim_users')
    .select(['seq', 'id', 'user_name', 'active', 'doc', 'licence_rank'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user?.active !== 1) return undefined;
  const licence = RANK_LICENCE[user.licence_rank] ?? 'none';
  if (licence === 'none') return undefined;
  const groups = await db
    .selectFrom('scim_group_members as m')
    .innerJoin('directory_mapped_groups as mg', 'mg.group_seq', 'm.group_seq')
    .innerJoin('scim_groups as g', 'g.seq', 'm.group_seq')
    .select('g.display_name')
    .where('m.user_seq', '=', user.seq)
    .orderBy('g.display_name_key')
    .execute();
  const doc = JSON.parse(user.doc) as Record<string, unknown>;
  return {
    sub: user.id,
    email: emailOf(doc),
    name: displayNameOf(doc, user.user_name),
    preferred_username: user.user_name,
    licence,
    groups: groups.map((g) => g.display_name),
  };
}
