import { SCHEMA } from './constants';

/** One attribute of a SCIM schema (RFC 7643 §7), as /Schemas describes it. */
export interface AttributeDef {
  name: string;
  type:
    | 'string'
    | 'boolean'
    | 'complex'
    | 'dateTime'
    | 'reference'
    | 'integer'
    | 'decimal'
    | 'binary';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: AttributeDef[];
  canonicalValues?: string[];
  referenceTypes?: string[];
}

type Options = Partial<Omit<AttributeDef, 'name' | 'type' | 'subAttributes'>>;

function attr(name: string, type: AttributeDef['type'], options: Options = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description: '',
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}
const str = (name: string, options?: Options) => attr(name, 'string', options);
const complex = (name: string, subAttributes: AttributeDef[], options?: Options) => ({
  ...attr(name, 'complex', options),
  subAttributes,
});
const multi = (name: string, subAttributes: AttributeDef[], description: string) =>
  complex(name, subAttributes, { multiValued: true, description });

const TYPES = ['work', 'home', 'other'];
const valueSubs = (valueType: AttributeDef['type'] = 'string', types = TYPES) => [
  attr('value', valueType),
  str('display'),
  str('type', { canonicalValues: types }),
  attr('primary', 'boolean'),
];

export const userAttributes: AttributeDef[] = [
  str('userName', {
    required: true,
    uniqueness: 'server',
    description: 'Unique identifier for the user; compared case-insensitively.',
  }),
  complex('name', [
    str('formatted'),
    str('familyName'),
    str('givenName'),
    str('middleName'),
    str('honorificPrefix'),
    str('honorificSuffix'),
  ]),
  str('displayName'),
  str('nickName'),
  attr('profileUrl', 'reference', { referenceTypes: ['external'] }),
  str('title'),
  str('userType'),
  str('preferredLanguage'),
  str('locale'),
  str('timezone'),
  attr('active', 'boolean', { description: 'false: deactivated; the user may not sign in.' }),
  str('password', {
    mutability: 'writeOnly',
    returned: 'never',
    description: 'Accepted and discarded: this server never stores passwords.',
  }),
  multi('emails', valueSubs(), 'Email addresses; emails.value is compared case-insensitively.'),
  multi(
    'phoneNumbers',
    valueSubs('string', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    '',
  ),
  multi('ims', valueSubs(), ''),
  multi('photos', valueSubs('reference', ['photo', 'thumbnail']), ''),
  multi(
    'addresses',
    [
      str('formatted'),
      str('streetAddress'),
      str('locality'),
      str('region'),
      str('postalCode'),
      str('country'),
      str('type', { canonicalValues: TYPES }),
      attr('primary', 'boolean'),
    ],
    '',
  ),
  multi('entitlements', valueSubs(), ''),
  multi('roles', valueSubs(), ''),
  multi('x509Certificates', valueSubs('binary'), ''),
];

/** RFC 7643 §3.1: set by the client (Okta's own user id), on every resource; not in /Schemas. */
export const externalIdAttribute = str('externalId', { caseExact: true });

/** What a stored user document may hold: the common externalId and the User schema. */
export const userDocAttributes: AttributeDef[] = [externalIdAttribute, ...userAttributes];

export const enterpriseUserAttributes: AttributeDef[] = [
  str('employeeNumber'),
  str('costCenter'),
  str('organization'),
  str('division'),
  str('department'),
  complex('manager', [
    str('value'),
    attr('$ref', 'reference', { referenceTypes: ['User'] }),
    str('displayName', { mutability: 'readOnly' }),
  ]),
];

export const groupAttributes: AttributeDef[] = [
  str('displayName', {
    required: true,
    uniqueness: 'server',
    description: 'Name of the group; unique, compared case-insensitively.',
  }),
  complex(
    'members',
    [
      str('value', { mutability: 'immutable', description: 'The id of a User.' }),
      str('display', { mutability: 'readOnly' }),
      str('type', { mutability: 'immutable', canonicalValues: ['User'] }),
      attr('$ref', 'reference', { mutability: 'immutable', referenceTypes: ['User'] }),
    ],
    { multiValued: true, description: 'Users in the group; nested groups are not supported.' },
  ),
];

export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

export const schemaDefs: SchemaDef[] = [
  { id: SCHEMA.user, name: 'User', description: 'User Account', attributes: userAttributes },
  {
    id: SCHEMA.enterpriseUser,
    name: 'EnterpriseUser',
    description: 'Enterprise User',
    attributes: enterpriseUserAttributes,
  },
  { id: SCHEMA.group, name: 'Group', description: 'Group', attributes: groupAttributes },
];

/** Finds an attribute by name in any letter case (RFC 7643 §2.1: names are case-insensitive). */
export function findAttribute(defs: AttributeDef[], name: string): AttributeDef | undefined {
  const lower = name.toLowerCase();
  return defs.find((d) => d.name.toLowerCase() === lower);
}
