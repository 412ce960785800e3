import type { Licence } from '../../shared/api/users';
import type { Db } from '../db/database';
import { sha256 } from './crypto';
import type { EndUserSessions } from './end-user-sessions';
import { emailOf, RANK_LICENCE } from './licences';

export interface ForwardAuthPerson {
  /** The SCIM user id: stable across renames, the OpenID Provider's `sub`. */
  userId: string;
  userName: string;
  email: string;
  licence: Exclude<Licence, 'none'>;
  /** Names of the person's directory groups that are mapped to a licence, by name. */
  groups: string[];
}

export type ForwardAuthAnswer =
  | { ok: true; person: ForwardAuthPerson }
  | { ok: false; why: 'no_session' | 'refused' };

/**
 * GET /auth/verify's question, read fresh on every request: the session (by its token's hash)
 * joined to the person's active flag and stored licence rank, then the mapped groups. Two indexed
 * queries; an Okta deactivation or a mapping change shows on the next request.
 */
export class ForwardAuthService {
  constructor(
    private readonly db: Db,
    private readonly sessions: EndUserSessions,
  ) {}

  async verify(token: string | undefined): Promise<ForwardAuthAnswer> {
    if (!token) return { ok: false, why: 'no_session' };
    const row = await this.db
      .selectFrom('end_user_sessions as s')
      .leftJoin('scim_users as u', 'u.id', 's.user_id')
      .select(['s.email', 'u.seq', 'u.id', 'u.user_name', 'u.active', 'u.doc', 'u.licence_rank'])
      .where('s.token_hash', '=', sha256(token))
      .where('s.expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
    if (!row) return { ok: false, why: 'no_session' };
    const licence = RANK_LICENCE[Number(row.licence_rank ?? 0)] ?? 'none';
    if (row.seq === null || row.id === null || row.active !== 1 || licence === 'none') {
      // As /me does: deactivation, deprovisioning or a lost licence ends the session.
      await this.sessions.end(token);
      return { ok: false, why: 'refused' };
    }
    const groups = await this.db
      .selectFrom('scim_group_members as m')
      .innerJoin('directory_mapped_groups as mg', 'mg.group_seq', 'm.group_seq')
      .innerJoin('scim_groups as g', 'g.seq', 'm.group_seq')
      .select('g.display_name')
      .distinct()
      .where('m.user_seq', '=', row.seq)
      .orderBy('g.display_name')
      .execute();
    const doc = JSON.parse(row.doc ?? '{}') as Record<string, unknown>;
    return {
      ok: true,
      person: {
        userId: row.id,
        userName: row.user_name ?? row.email,
        email: emailOf(doc) ?? row.email,
        licence,
        groups: groups.map((g) => g.display_name),
      },
    };
  }
}
