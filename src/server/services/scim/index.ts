import type { Db } from '../../db/database';
import { ScimActivity } from './activity';
import { ScimGroups } from './groups';
import { ScimUsers } from './users';

export interface ScimServices {
  /** `{PUBLIC_URL}/scim/v2` */
  baseUrl: string;
  users: ScimUsers;
  groups: ScimGroups;
  activity: ScimActivity;
}

export function createScimServices(db: Db, publicUrl: string): ScimServices {
  const baseUrl = `${publicUrl}/scim/v2`;
  return {
    baseUrl,
    users: new ScimUsers(db, baseUrl),
    groups: new ScimGroups(db, baseUrl),
    activity: new ScimActivity(db, baseUrl),
  };
}
