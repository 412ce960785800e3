/** SCIM requests driven by the SCIM schemas: resources, PATCH operations, filters, auth. */
import fc from 'fast-check';
import { groupAttributes, userDocAttributes } from '../../shared/scim/attributes';
import { SCHEMA } from '../../shared/scim/constants';
import { oddString, percentEncode } from './junk';
import { contentType, mutatedObject } from './mutate';
import type { FuzzRequest, ScimAuth } from './request';
import { groupBody, patchBody, userBody } from './scim-bodies';
import { filterText, groupPaths, userPaths } from './scim-filters';

const scimAuth: fc.Arbitrary<ScimAuth> = fc.oneof(
  { weight: 14, arbitrary: fc.constantFrom<ScimAuth>('bearer', 'bare-key') },
  {
    weight: 3,
    arbitrary: fc.constantFrom<ScimAuth>(
      'lowercase-bearer',
      'wrong-key',
      'none',
      'basic',
      'empty-bearer',
      'key-with-junk',
    ),
  },
);

const listQuery = (paths: string[]) =>
  fc
    .record(
      {
        filter: filterText(paths),
        startIndex: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('1', '101', '2') },
          { weight: 1, arbitrary: fc.constantFrom('0', '-5', '1e3', 'x', '9'.repeat(30), '') },
          { weight: 1, arbitrary: fc.integer().map(String) },
        ),
        count: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom('2', '100', '10') },
          { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1001', '100000', 'many') },
          { weight: 1, arbitrary: fc.integer().map(String) },
        ),
        attributes: fc.constantFrom(
          'userName',
          'members',
          'emails.value',
          'urn:x:y',
          ',,',
          'name.givenName,active',
        ),
        excludedAttributes: fc.constantFrom('members', 'meta', 'x'),
        sortBy: fc.constantFrom('userName', 'x'),
      },
      { requiredKeys: [] },
    )
    .map((q) => {
      const parts = Object.entries(q).map(([k, v]) => `${k}=${percentEncode(v)}`);
      return parts.length ? `?${parts.join('&')}` : '';
    });

const id = (kind: 'user' | 'group') =>
  fc.oneof(
    { weight: 6, arbitrary: fc.nat({ max: 40 }).map((n) => `@${kind}:${n}@`) },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.uuid(), fc.constantFrom('%zz', '%00', 'x'.repeat(2000), '..%2f', '1')),
    },
    { weight: 1, arbitrary: oddString.map(percentEncode) },
  );

type Op = [
  route: string,
  url: fc.Arbitrary<string>,
  body?: fc.Arbitrary<Record<string, unknown>>,
  keys?: string[],
];

function operations(kind: 'Users' | 'Groups'): Op[] {
  const paths = kind === 'Users' ? userPaths : groupPaths;
  const body = kind === 'Users' ? userBody : groupBody;
  const keys =
    kind === 'Users'
      ? ['userName', 'name', 'emails', 'active', 'password', 'schemas']
      : ['displayName', 'members', 'schemas'];
  const one = id(kind === 'Users' ? 'user' : 'group').map((i) => `/${kind}/${i}`);
  const defs = kind === 'Users' ? userDocAttributes : groupAttributes;
  const patch = patchBody(defs, paths, body) as fc.Arbitrary<Record<string, unknown>>;
  return [
    [`GET /${kind}`, listQuery(paths).map((q) => `/${kind}${q}`)],
    [`GET /${kind}/:id`, one],
    [`POST /${kind}`, fc.constant(`/${kind}`), body, keys],
    [`POST /${kind}`, fc.constant(`/${kind}`), body, keys],
    [`PUT /${kind}/:id`, one, body, keys],
    [`PATCH /${kind}/:id`, one, patch, ['Operations', 'schemas']],
    [`PATCH /${kind}/:id`, one, patch, ['Operations']],
    [`DELETE /${kind}/:id`, one],
  ];
}

const discovery: Op[] = [
  [
    'GET discovery',
    fc.constantFrom(
      '/ServiceProviderConfig',
      '/ResourceTypes',
      '/ResourceTypes/User',
      '/ResourceTypes/x',
      '/Schemas',
      `/Schemas/${SCHEMA.user}`,
      '/Schemas/x',
      '/Bulk',
      '/Me',
      '/.search',
      '/',
      '',
      '/Users/.search',
      '/%zz',
    ),
  ],
  [
    'POST elsewhere',
    fc.constantFrom('/Bulk', '/Users/.search', '/Me', '/ServiceProviderConfig'),
    fc.constant({}),
    [],
  ],
];

function scimRequest([route, url, body, keys]: Op): fc.Arbitrary<FuzzRequest> {
  const method = route.split(' ')[0] as string;
  const content = body
    ? mutatedObject(body, keys ?? [])
    : fc.constant({ payload: { kind: 'none' as const }, mutation: 'no body' });
  return fc
    .tuple(
      url,
      content,
      contentType([
        'application/scim+json',
        'application/json',
        'application/scim+json; charset=utf-8',
      ]),
      scimAuth,
      fc.oneof(
        { weight: 14, arbitrary: fc.constant(method) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('OPTIONS', 'HEAD', 'GET', 'POST', 'PATCH', 'PUT', 'DELETE'),
        },
      ),
    )
    .map(
      ([u, b, type, auth, m]): FuzzRequest => ({
        label: `SCIM ${route}: ${b.mutation}${m === method ? '' : ` (as ${m})`}`,
        method: m,
        url: `/scim/v2${u}`,
        headers:
          b.payload.kind === 'none' || type === undefined
            ? { 'user-agent': 'Okta SCIM Client 1.0.0' }
            : { 'content-type': type, 'user-agent': 'Okta SCIM Client 1.0.0' },
        payload: m === 'GET' || m === 'HEAD' ? { kind: 'none' as const } : b.payload,
        auth: { scim: auth },
      }),
    );
}

/** Users and groups, every method, and the discovery endpoints. */
export function scimRequests(): fc.Arbitrary<FuzzRequest> {
  const all = [...operations('Users'), ...operations('Groups'), ...discovery];
  return fc.oneof(...all.map((op) => scimRequest(op)));
}
