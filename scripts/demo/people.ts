/**
 * The demo's directory: who Okta knows, with the password each types at the stand-in, and the two
 * groups Okta pushes. Engineering maps to Pro and Sales to Basic when the console is configured.
 */
export interface DemoPerson {
  /** Okta's user id (00u...): the `sub` claim and the SCIM externalId. */
  oktaId: string;
  email: string;
  givenName: string;
  familyName: string;
  title: string;
  password: string;
  groups: DemoGroupName[];
}

export const DEMO_GROUPS = ['Engineering', 'Sales'] as const;
export type DemoGroupName = (typeof DEMO_GROUPS)[number];

/** The console's mapping that `--configured` saves. */
export const DEMO_MAPPINGS: Record<DemoGroupName, 'basic' | 'pro'> = {
  Engineering: 'pro',
  Sales: 'basic',
};

/** The group the simulator renames, and back: the mapping follows the group, not its name. */
export const DEMO_RENAME = { group: 'Sales', to: 'Sales EMEA' } as const;

/** The person the simulator unassigns (deactivates) and assigns again. */
export const DEMO_LEAVER = 'leo@example.com';

/** Ada Lovelace, Pro (Engineering): the `a` key deactivates her, and again reactivates her. */
export const DEMO_ADA = 'ada@example.com';

/** The person whose profile (title) the simulator changes, and back. */
export const DEMO_PROMOTION = { email: 'grace@example.com', title: 'Engineering Manager' };

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    oktaId: '00udemoada0000000001',
    email: 'ada@example.com',
    givenName: 'Ada',
    familyName: 'Lovelace',
    title: 'Software Engineer',
    password: 'ada-demo',
    groups: ['Engineering'],
  },
  {
    oktaId: '00udemograce00000002',
    email: 'grace@example.com',
    givenName: 'Grace',
    familyName: 'Hopper',
    title: 'Engineer',
    password: 'grace-demo',
    groups: ['Engineering'],
  },
  {
    oktaId: '00udemosam0000000003',
    email: 'sam@example.com',
    givenName: 'Sam',
    familyName: 'Carter',
    title: 'Account Executive',
    password: 'sam-demo',
    groups: ['Sales'],
  },
  {
    oktaId: '00udemoleo0000000004',
    email: 'leo@example.com',
    givenName: 'Leo',
    familyName: 'Fischer',
    title: 'Sales Representative',
    password: 'leo-demo',
    groups: ['Sales'],
  },
  {
    oktaId: '00udemomaya000000005',
    email: 'maya@example.com',
    givenName: 'Maya',
    familyName: 'Patel',
    title: 'Solutions Engineer',
    password: 'maya-demo',
    groups: ['Engineering', 'Sales'],
  },
  {
    oktaId: '00udemonora000000006',
    email: 'nora@example.com',
    givenName: 'Nora',
    familyName: 'Quinn',
    title: 'Contractor',
    password: 'nora-demo',
    groups: [],
  },
];

export function demoPerson(email: string): DemoPerson {
  const person = DEMO_PEOPLE.find((p) => p.email === email);
  if (!person) throw new Error(`${email} is not one of the demo's people`);
  return person;
}
