/** SCIM request bodies from the SCIM schemas: users, groups and PATCH operations. */
import fc from 'fast-check';
import {
  type AttributeDef,
  enterpriseUserAttributes,
  userDocAttributes,
} from '../../shared/scim/attributes';
import { SCHEMA } from '../../shared/scim/constants';
import { junkValue, oddString } from './junk';
import { patchPath } from './scim-filters';

/** A few userNames again and again, so creates collide; and fresh ones. */
const userName = fc.oneof(
  fc.constantFrom(
    'jane@acme.com',
    'JANE@acme.com',
    'joe@acme.com',
    'a+b@acme.com',
    '\u212a@acme.com',
  ),
  fc.uuid().map((u) => `${u}@acme.com`),
  oddString,
);

function valueFor(def: AttributeDef): fc.Arbitrary<unknown> {
  if (def.name === 'userName') return userName;
  const single = (): fc.Arbitrary<unknown> => {
    switch (def.type) {
      case 'boolean':
        return fc.oneof(fc.boolean(), fc.constantFrom('true', 'False', 'yes'));
      case 'complex':
        return fc.record(
          Object.fromEntries(
            (def.subAttributes ?? []).map((s) => [s.name, valueFor({ ...s, multiValued: false })]),
          ),
          { requiredKeys: [] },
        );
      case 'integer':
      case 'decimal':
        return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
      case 'dateTime':
        return fc.constantFrom('2024-01-01T00:00:00Z', 'not a date');
      case 'binary':
        return fc.constantFrom('AAEC', '!!!');
      default:
        return def.canonicalValues
          ? fc.oneof(fc.constantFrom(...def.canonicalValues), oddString)
          : fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom('Jane', 'jane@acme.com', 'en-US') },
              { weight: 1, arbitrary: oddString },
            );
    }
  };
  if (!def.multiValued) return single();
  return fc.array(single(), { maxLength: 3 });
}

/** A User document Okta might send: userName, name, emails, active, password, extension. */
export const userBody: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(Object.fromEntries(userDocAttributes.map((d) => [d.name, valueFor(d)])), {
      requiredKeys: ['userName'],
    }),
    fc.option(
      fc.record(Object.fromEntries(enterpriseUserAttributes.map((d) => [d.name, valueFor(d)])), {
        requiredKeys: [],
      }),
      { nil: undefined },
    ),
    fc.constantFrom([SCHEMA.user], [SCHEMA.user, SCHEMA.enterpriseUser], [], ['urn:x'], undefined),
  )
  .map(([doc, enterprise, schemas]) => ({
    ...(schemas ? { schemas } : {}),
    ...doc,
    ...(enterprise ? { [SCHEMA.enterpriseUser]: enterprise } : {}),
  }));

const member = fc.oneof(
  fc.nat({ max: 40 }).map((n) => ({ value: `@user:${n}@`, display: 'jane@acme.com' })),
  fc.record({ value: junkValue }, { requiredKeys: [] }),
);

export const groupBody: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    schemas: fc.constantFrom([SCHEMA.group], ['urn:x']),
    displayName: fc.oneof(fc.constantFrom('Sales', 'sales', 'Engineering', 'Pro users'), oddString),
    externalId: fc.oneof(fc.constant('00g1'), oddString),
    members: fc.array(member, { maxLength: 5 }),
  },
  { requiredKeys: ['displayName'] },
);

/** Operations that make sense for the attribute they name, as Okta sends them. */
function coherentOperation(defs: AttributeDef[]): fc.Arbitrary<Record<string, unknown>> {
  const def = fc.constantFrom(...defs.filter((d) => d.mutability !== 'readOnly'));
  return fc.oneof(
    def.chain((d) =>
      fc.record({
        op: fc.constantFrom('add', 'replace', 'Replace'),
        path: fc.constant(d.name),
        value: valueFor(d),
      }),
    ),
    def.chain((d) => valueFor(d).map((value) => ({ op: 'replace', value: { [d.name]: value } }))),
    def.map((d) => ({ op: 'remove', path: d.name })),
    fc.constantFrom(
      { op: 'replace', value: { active: false } },
      { op: 'replace', value: { active: true } },
      { op: 'replace', value: { id: '@group:0@', displayName: 'Renamed' } },
      { op: 'add', path: 'members', value: [{ value: '@user:0@', display: 'jane@acme.com' }] },
      { op: 'add', path: 'members', value: [{ value: '@user:1@' }, { value: '@user:2@' }] },
      { op: 'remove', path: 'members[value eq "@user:0@"]' },
      { op: 'replace', path: 'members', value: [{ value: '@user:3@' }] },
      { op: 'replace', path: 'name.givenName', value: 'Janet' },
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'jane@acme.com' },
    ),
  );
}

export function patchBody(
  defs: AttributeDef[],
  paths: string[],
  resourceValue: fc.Arbitrary<Record<string, unknown>>,
) {
  const value = fc.oneof(
    resourceValue,
    fc.constantFrom({ active: false }, { active: true }, { id: 'x', displayName: 'Renamed' }),
    fc.array(member, { maxLength: 3 }),
    junkValue,
  );
  const anyOperation = fc.record(
    {
      op: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('add', 'replace', 'remove', 'Replace', 'ADD') },
        {
          weight: 1,
          arbitrary: fc.oneof(fc.constantFrom('delete', 'move', 'test', ''), junkValue),
        },
      ),
      path: patchPath(paths),
      value,
    },
    { requiredKeys: ['op'] },
  );
  const operation = fc.oneof(
    { weight: 4, arbitrary: coherentOperation(defs) },
    { weight: 1, arbitrary: anyOperation },
  );
  return fc.record(
    {
      schemas: fc.constantFrom([SCHEMA.patchOp], ['urn:x']),
      Operations: fc.oneof(
        { weight: 8, arbitrary: fc.array(operation, { minLength: 1, maxLength: 3 }) },
        { weight: 1, arbitrary: fc.constantFrom([], {}, 'replace', null) },
        {
          weight: 1,
          arbitrary: fc.integer({ min: 900, max: 1100 }).map((n) =>
            Array.from({ length: n }, (_, i) => ({
              op: 'add',
              path: 'members',
              value: [{ value: `@user:${i}@` }],
            })),
          ),
        },
      ),
    },
    { requiredKeys: ['Operations'] },
  );
}
