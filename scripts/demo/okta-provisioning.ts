/**
 * Okta's SCIM provisioning app, request for request as /work/shared/okta-facts.md describes it:
 * the access key as a Bearer token, Okta's User-Agent, `application/scim+json`, its list paging
 * and its path-less PATCH shapes for deactivation and renames.
 */
import { randomBytes } from 'node:crypto';
import type { DemoPerson } from './people';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type Json = Record<string, unknown>;
interface ListResponse {
  totalResults: number;
  Resources?: Json[];
}

export interface PushedGroup {
  id: string;
  displayName: string;
}

export interface PushedUser {
  id: string;
  userName: string;
}

export class OktaProvisioning {
  /** The groups Okta read when the settings were saved: it links pushes by this list. */
  private knownGroups = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly key: string,
    /** Told of each request once answered, for the terminal. */
    private readonly onRequest: (line: string) => void = () => {},
  ) {}

  private async send(method: string, path: string, body?: unknown): Promise<Json | undefined> {
    const response = await fetch(`${this.baseUrl}/scim/v2${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.key}`,
        accept: 'application/scim+json',
        'user-agent': 'Okta SCIM Client 1.0.0',
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    this.onRequest(`${method} /scim/v2${decodeURIComponent(path)} → ${response.status}`);
    if (!response.ok)
      throw new Error(`Okta's ${method} ${path} answered ${response.status}: ${text}`);
    return text === '' ? undefined : (JSON.parse(text) as Json);
  }

  private patch(path: string, operations: unknown[]) {
    return this.send('PATCH', path, { schemas: [PATCH_SCHEMA], Operations: operations });
  }

  /** "Test the Integration" in the Configure API Integration dialog. */
  async testIntegration() {
    await this.send('GET', '/Users?startIndex=1&count=2');
  }

  /** Saving the provisioning settings reads the groups, which Okta keeps to link pushes by. */
  async saveSettings() {
    const list = (await this.send(
      'GET',
      '/Groups?startIndex=1&count=100',
    )) as unknown as ListResponse;
    for (const group of list.Resources ?? []) {
      this.knownGroups.set(String(group.displayName), String(group.id));
    }
  }

  /** Okta's lookup by userName before it creates or reactivates someone. */
  async findUser(email: string): Promise<Json | undefined> {
    const filter = encodeURIComponent(`userName eq "${email}"`);
    const list = (await this.send(
      'GET',
      `/Users?filter=${filter}&startIndex=1&count=100`,
    )) as unknown as ListResponse;
    return list.Resources?.[0];
  }

  private userBody(person: DemoPerson, title = person.title) {
    return {
      schemas: [USER_SCHEMA],
      userName: person.email,
      name: { givenName: person.givenName, familyName: person.familyName },
      emails: [{ primary: true, value: person.email, type: 'work' }],
      displayName: `${person.givenName} ${person.familyName}`,
      title,
      locale: 'en-US',
      externalId: person.oktaId,
      groups: [],
      active: true,
    };
  }

  /** Assigning a person to the app: lookup, then create (or reactivate when already there). */
  async assign(person: DemoPerson): Promise<PushedUser> {
    const existing = await this.findUser(person.email);
    if (existing) {
      if (existing.active === false) await this.setActive(String(existing.id), true);
      return { id: String(existing.id), userName: person.email };
    }
    const password = `Okta-${randomBytes(9).toString('base64url')}`;
    const created = await this.send('POST', '/Users', { ...this.userBody(person), password });
    return { id: String(created?.id), userName: person.email };
  }

  /** A profile change in Okta: GET the user, then PUT the whole user. */
  async updateProfile(userId: string, person: DemoPerson, title: string) {
    await this.send('GET', `/Users/${userId}`);
    await this.send('PUT', `/Users/${userId}`, { ...this.userBody(person, title), id: userId });
  }

  /** Unassigning deactivates (never DELETE); reassigning looks the user up and reactivates. */
  async setActive(userId: string, active: boolean) {
    await this.patch(`/Users/${userId}`, [{ op: 'replace', value: { active } }]);
  }

  /**
   * Push Groups: an empty group (or the one Okta saw under this or a former name when the
   * settings were saved), then a membership update, with the path-less {id, displayName} replace
   * Okta repeats in each one.
   */
  async pushGroup(
    displayName: string,
    members: PushedUser[],
    formerNames: string[] = [],
  ): Promise<PushedGroup> {
    let id = [displayName, ...formerNames].map((name) => this.knownGroups.get(name)).find(Boolean);
    if (!id) {
      const body = { schemas: [GROUP_SCHEMA], displayName, members: [] };
      id = String((await this.send('POST', '/Groups', body))?.id);
    }
    await this.patch(`/Groups/${id}`, [
      { op: 'replace', value: { id, displayName } },
      {
        op: 'add',
        path: 'members',
        value: members.map((m) => ({ value: m.id, display: m.userName })),
      },
    ]);
    return { id, displayName };
  }

  /** A rename in Okta: the path-less replace with the group's id and new name. */
  async renameGroup(group: PushedGroup, displayName: string): Promise<PushedGroup> {
    await this.patch(`/Groups/${group.id}`, [
      { op: 'replace', value: { id: group.id, displayName } },
    ]);
    return { id: group.id, displayName };
  }
}
