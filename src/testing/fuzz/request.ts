import type { Payload } from './payload';

/** How an admin API request authenticates; the runner fills in cookies and tokens when sending. */
export type ApiAuth =
  | 'session'
  | 'session-no-csrf'
  | 'session-wrong-csrf'
  | 'none'
  | 'garbage-cookie'
  | 'cross-site'
  | 'origin-null';

/** How a SCIM request authenticates. */
export type ScimAuth =
  | 'bearer'
  | 'bare-key'
  | 'lowercase-bearer'
  | 'wrong-key'
  | 'none'
  | 'basic'
  | 'empty-bearer'
  | 'key-with-junk';

export interface FuzzRequest {
  /** What it exercises, e.g. `saveIncomingKeys: junk in clientId`. */
  label: string;
  method: string;
  /**
   * Path and query, percent-encoded. `@user:N@` and `@group:N@` stand for the id of a user or
   * group the server created earlier (or an unknown id when there is none yet).
   */
  url: string;
  headers: Record<string, string>;
  payload: Payload;
  auth: { api: ApiAuth } | { scim: ScimAuth };
}
