import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FilterSyntaxError, parseFilter, parsePatchPath } from '../../../shared/scim/filter';
import { oktaUser, type ScimHarness, scimHarness } from '../../http/scim/testing';

const attrs = fc.constantFrom(
  'userName',
  'USERNAME',
  'externalId',
  'id',
  'displayName',
  'active',
  'emails',
  'emails.value',
  'emails.type',
  'emails.primary',
  'name.givenName',
  'name.familyName',
  'name',
  'meta.created',
  'meta.lastModified',
  'title',
  'nosuch',
  'urn:ietf:params:scim:schemas:core:2.0:User:userName',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
);
const ops = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'Sw', 'xx');
const values = fc.oneof(
  fc.string().map((s) => JSON.stringify(s)),
  fc.constantFrom('"%"', '"_"', '"\\\\"', '"*"', '"["', '"2024-01-01T00:00:00Z"', '"a@acme.com"'),
  fc.integer().map(String),
  fc.constantFrom('true', 'false', 'null', 'True', '1.5e3'),
);
const comparison = fc.oneof(
  fc.tuple(attrs, ops, values).map(([a, o, v]) => `${a} ${o} ${v}`),
  attrs.map((a) => `${a} pr`),
);
const filterText: fc.Arbitrary<string> = fc.letrec((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc
      .tuple(tie('filter'), fc.constantFrom('and', 'or', 'AND'), tie('filter'))
      .map(([a, o, b]) => `${a} ${o} ${b}`),
    tie('filter').map((f) => `not (${f})`),
    tie('filter').map((f) => `(${f})`),
    fc
      .tuple(fc.constantFrom('emails', 'members', 'name'), comparison)
      .map(([a, c]) => `${a}[${c}]`),
  ),
})).filter as fc.Arbitrary<string>;

/** Valid filters, random garbage, and valid filters with a few characters cut or inserted. */
const anyFilter = fc.oneof(
  filterText,
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc
    .tuple(
      filterText,
      fc.nat(),
      fc.constantFrom('(', ')', '"', '[', ']', ' ', '\\', 'and', '+', '%'),
    )
    .map(([f, at, c]) => f.slice(0, at % (f.length + 1)) + c + f.slice(at % (f.length + 1))),
);

describe('filter parser (pure)', () => {
  test('never throws anything but FilterSyntaxError', () => {
    fc.assert(
      fc.property(anyFilter, (text) => {
        for (const parse of [parseFilter, parsePatchPath]) {
          try {
            parse(text);
          } catch (error) {
            expect(error).toBeInstanceOf(FilterSyntaxError);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('parses precedence and grouping as RFC 7644 says', () => {
    expect(parseFilter('a eq 1 or b eq 2 and c eq 3')).toMatchObject({
      type: 'or',
      filters: [{ type: 'compare' }, { type: 'and' }],
    });
    expect(parseFilter('not (a pr) and b pr')).toMatchObject({
      type: 'and',
      filters: [{ type: 'not' }, { type: 'present' }],
    });
    expect(parseFilter('emails[type eq "work" and value co "@"]')).toMatchObject({
      type: 'valuePath',
      path: { name: 'emails' },
      filter: { type: 'and' },
    });
    expect(parsePatchPath('emails[type eq "work"].value')).toMatchObject({
      attr: { name: 'emails' },
      sub: 'value',
    });
    expect(
      parsePatchPath('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value'),
    ).toEqual({
      attr: {
        uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
        name: 'manager',
        sub: 'value',
      },
    });
    expect(() => parseFilter('a eq "x"'.repeat(1000))).toThrow(FilterSyntaxError);
    expect(() => parseFilter(`${'('.repeat(50)}a pr${')'.repeat(50)}`)).toThrow(/nests too deeply/);
  });
});

describe('over HTTP: no input gets a 5xx', () => {
  let h: ScimHarness;
  let userId: string;
  let groupId: string;
  beforeAll(async () => {
    h = await scimHarness();
    userId = (await h.scim('POST', '/Users', oktaUser('prop.user@acme.com'))).json().id;
    groupId = (
      await h.scim('POST', '/Groups', { displayName: 'Prop', members: [{ value: userId }] })
    ).json().id;
  });
  afterAll(async () => {
    await h.close();
  });

  test('random filters on /Users and /Groups answer 200 or 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyFilter,
        fc.constantFrom('/Users', '/Groups'),
        async (filter, resource) => {
          const res = await h.scim(
            'GET',
            `${resource}?filter=${encodeURIComponent(filter)}&count=5`,
          );
          expect([200, 400]).toContain(res.statusCode);
          if (res.statusCode === 400) expect(res.json().scimType).toBe('invalidFilter');
        },
      ),
      { numRuns: 400 },
    );
  });

  const patchPaths = fc.oneof(
    fc.constantFrom(
      undefined,
      '',
      'active',
      'userName',
      'displayName',
      'name',
      'name.givenName',
      'emails',
      'emails.value',
      'emails[type eq "work"].value',
      'emails[type eq "work"]',
      'emails[value co "@"].primary',
      'phoneNumbers[type eq "mobile"].value',
      'members',
      'members[value eq "x"]',
      'members[value eq "x"].display',
      'id',
      'meta',
      'password',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value',
      'x[',
      'emails[type eq]',
    ),
    anyFilter,
  );
  const operation = fc.record(
    {
      op: fc.constantFrom('add', 'replace', 'remove', 'Add', 'REPLACE', 'Remove', 'copy', ''),
      path: patchPaths,
      value: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constant({ active: false }),
        fc.constant({ displayName: 'Renamed' }),
        fc.constant([{ value: 'nope' }]),
        fc.constant({ 'name.givenName': 'X', emails: [{ value: 'x@y.z', type: 'work' }] }),
      ),
    },
    { requiredKeys: ['op'] },
  );
  const body = fc.oneof(
    fc.record({
      schemas: fc.constant(['urn:ietf:params:scim:api:messages:2.0:PatchOp']),
      Operations: fc.array(operation, { minLength: 1, maxLength: 4 }),
    }),
    fc.jsonValue({ maxDepth: 3 }),
  );

  test('random PATCH bodies answer 2xx or 4xx, and a 4xx changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('Users', 'Groups'), async (patch, kind) => {
        const id = kind === 'Users' ? userId : groupId;
        const before = (await h.scim('GET', `/${kind}/${id}`)).body;
        const res = await h.scim('PATCH', `/${kind}/${id}`, JSON.stringify(patch));
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.json().schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
          expect((await h.scim('GET', `/${kind}/${id}`)).body).toBe(before);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('random POST bodies answer 201, 400 or 409', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom('Users', 'Groups'),
        async (json, kind) => {
          const res = await h.scim('POST', `/${kind}`, JSON.stringify(json));
          expect([201, 400, 409]).toContain(res.statusCode);
        },
      ),
      { numRuns: 300 },
    );
  });
});
