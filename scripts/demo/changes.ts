/**
 * What happens in Okta while the demo runs, sent as Okta's provisioning app sends it: a profile
 * change, an unassignment (deactivation) and a group rename, each undone the next time round so
 * the directory returns to the state the terminal described.
 */
import type { OktaProvisioning, PushedGroup, PushedUser } from './okta-provisioning';
import {
  DEMO_ADA,
  DEMO_LEAVER,
  DEMO_PROMOTION,
  DEMO_RENAME,
  type DemoGroupName,
  demoPerson,
} from './people';

/** All three, in this order, are what the timer and the Enter key send. */
export const CHANGE_KINDS = ['profile', 'deactivation', 'rename'] as const;
/** Sent only when asked (the `a` key): Ada, the Pro person of the sample app, leaves and returns. */
export type ChangeKind = (typeof CHANGE_KINDS)[number] | 'ada';

export class DemoChanges {
  private promoted = false;
  /** Whether each person toggled by a change is active now. */
  private readonly active = new Map<string, boolean>();
  private renamed = false;

  constructor(
    private readonly okta: OktaProvisioning,
    private readonly users: Map<string, PushedUser>,
    private readonly groups: Map<DemoGroupName, PushedGroup>,
  ) {}

  private user(email: string): PushedUser {
    const user = this.users.get(email);
    if (!user) throw new Error(`${email} was not provisioned`);
    return user;
  }

  /** Unassigns (deactivates) the person, or assigns them again. */
  private async toggle(email: string): Promise<string> {
    const user = this.user(email);
    if (this.active.get(email) !== false) {
      await this.okta.setActive(user.id, false);
      this.active.set(email, false);
      return `Okta deactivated ${email} (unassigned from the app): sign-in is refused, and the sample app refuses their next page.`;
    }
    // Reassignment: Okta looks the user up by userName again, then reactivates.
    await this.okta.findUser(email);
    await this.okta.setActive(user.id, true);
    this.active.set(email, true);
    return `Okta reactivated ${email} (assigned again): sign-in works again.`;
  }

  /** One change; answers what happened, in a sentence for the terminal. */
  async apply(kind: ChangeKind): Promise<string> {
    switch (kind) {
      case 'profile': {
        const person = demoPerson(DEMO_PROMOTION.email);
        const [from, to] = this.promoted
          ? [DEMO_PROMOTION.title, person.title]
          : [person.title, DEMO_PROMOTION.title];
        await this.okta.updateProfile(this.user(person.email).id, person, to);
        this.promoted = !this.promoted;
        return `Okta updated ${person.givenName} ${person.familyName}'s title: ${from} → ${to}.`;
      }
      case 'deactivation':
        return this.toggle(DEMO_LEAVER);
      case 'ada':
        return this.toggle(DEMO_ADA);
      case 'rename': {
        const group = this.groups.get(DEMO_RENAME.group);
        if (!group) throw new Error(`${DEMO_RENAME.group} was not pushed`);
        const to = this.renamed ? DEMO_RENAME.group : DEMO_RENAME.to;
        const renamed = await this.okta.renameGroup(group, to);
        this.groups.set(DEMO_RENAME.group, renamed);
        this.renamed = !this.renamed;
        return `Okta renamed the group ${group.displayName} → ${to}; its mapping follows the group.`;
      }
    }
  }
}
