/** Admin API requests derived from the contract: every endpoint, valid-ish and broken. */
import fc from 'fast-check';
import { api, type Endpoint } from '../../shared/api';
import { junkValue, oddString, percentEncode } from './junk';
import { contentType, mutatedObject, notAnObject } from './mutate';
import type { ApiAuth, FuzzRequest } from './request';
import { keysOf, validish } from './zod-arbitrary';

const encode = percentEncode;

/** Raw path segments: numbers, junk, and percent sequences that decoders trip on. */
const rawSegment = fc.oneof(
  fc.integer({ min: -2, max: 12 }).map(String),
  fc.constantFrom(
    '%zz',
    '%00',
    '%C0%AF',
    '%FF',
    '%E2%80%AE',
    '..',
    '%2e%2e%2f',
    '9'.repeat(400),
    '1e400',
    '0x1',
    '%201',
    '1%20',
  ),
  oddString.map(encode),
);

const brokenQueryValue = (schemaValue: fc.Arbitrary<unknown>) =>
  fc.oneof(
    junkValue.map((v) => [encode(v)]),
    fc.array(schemaValue.map(encode), { minLength: 2, maxLength: 3 }),
    fc.constantFrom(['%zz'], [''], ['%00'], ['a%ZZb']),
  );

/** Query strings: all parameters valid-ish, or one broken, or all broken, plus stray pairs. */
function queryFor(endpoint: Endpoint): fc.Arbitrary<string> {
  const shape = endpoint.query?.shape ?? {};
  const names = Object.keys(shape);
  const pairs = names.map((name) => {
    const value = validish(shape[name] as never, name);
    const good = value.map((v) => [encode(v)]);
    const values = fc.oneof(
      { weight: 8, arbitrary: good },
      { weight: 1, arbitrary: brokenQueryValue(value) },
    );
    return fc.option(
      values.map((vs) => vs.map((v) => `${name}=${v}`)),
      { nil: [] as string[] },
    );
  });
  const junkPairs = fc.array(
    fc.tuple(oddString, oddString).map(([k, v]) => `${encode(k)}=${encode(v)}`),
    { maxLength: 2 },
  );
  return fc
    .tuple(
      fc.tuple(...pairs),
      fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: junkPairs }),
      fc.constantFrom('', '', '', '', '', '&&', '&=', '&a'),
    )
    .map(([known, extra, tail]) => {
      const all = [...known.flat(), ...extra];
      return all.length || tail ? `?${all.join('&')}${tail}` : '';
    });
}

function pathFor(endpoint: Endpoint): fc.Arbitrary<string> {
  const names = Object.keys(endpoint.params?.shape ?? {});
  if (names.length === 0) return fc.constant(endpoint.path);
  return fc.tuple(...names.map(() => rawSegment)).map((values) => {
    let out = endpoint.path;
    names.forEach((name, i) => {
      out = out.replace(`:${name}`, values[i] as string);
    });
    return out;
  });
}

const apiAuth: fc.Arbitrary<ApiAuth> = fc.oneof(
  { weight: 16, arbitrary: fc.constant('session' as const) },
  {
    weight: 4,
    arbitrary: fc.constantFrom<ApiAuth>(
      'session-no-csrf',
      'session-wrong-csrf',
      'none',
      'garbage-cookie',
      'cross-site',
      'origin-null',
    ),
  },
);

const otherMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');

/** One request to `endpoint`: right or wrong method, params, query, body, content type, auth. */
export function apiRequest(
  id: string,
  endpoint: Endpoint,
  known: Record<string, string[]> = {},
): fc.Arbitrary<FuzzRequest> {
  const keys = keysOf(endpoint.body);
  const body = endpoint.body
    ? mutatedObject(
        validish(endpoint.body, '', known) as fc.Arbitrary<Record<string, unknown>>,
        keys,
      )
    : fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constant({ payload: { kind: 'none' as const }, mutation: 'no body' }),
        },
        { weight: 1, arbitrary: notAnObject },
      );
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constant(endpoint.method) },
    { weight: 1, arbitrary: otherMethod },
  );
  return fc
    .tuple(
      method,
      pathFor(endpoint),
      queryFor(endpoint),
      body,
      contentType(['application/json', 'application/json; charset=utf-8']),
      apiAuth,
    )
    .map(
      ([m, path, query, b, type, auth]): FuzzRequest => ({
        label: `${id}: ${b.mutation}${m === endpoint.method ? '' : ` (as ${m})`}`,
        method: m,
        url: `${path}${query}`,
        headers: b.payload.kind === 'none' || type === undefined ? {} : { 'content-type': type },
        payload: m === 'GET' || m === 'HEAD' ? { kind: 'none' } : b.payload,
        auth: { api: auth },
      }),
    );
}

/** Paths near the API that no endpoint owns. */
const strayRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    otherMethod,
    fc.constantFrom(
      '/api',
      '/api/',
      '/api/%zz',
      '/api/session/x',
      '/api//session',
      '/API/session',
      '/api/openapi.json',
      '/healthz',
      '/auth/okta',
      '/me',
      '/auth/sign-out',
      '/auth/okta/callback?code=x&state=y',
      '/auth/okta?rd=%2F%2Fevil.test%5C%00',
      '/auth/verify?licence=%00&redirect=1',
      `/api/users?q=${'a'.repeat(20_000)}`,
    ),
    rawSegment,
  )
  .map(([method, path, seg]) => ({
    label: `stray: ${method} ${path.slice(0, 60)}`,
    method,
    url: path.includes('?') ? path : `${path}${path.endsWith('/') ? seg : ''}`,
    headers: {},
    payload: { kind: 'none' as const },
    auth: { api: 'session' as const },
  }));

/** Every endpoint of the contract, equally often, and the odd stray path. */
export function apiRequests(known: Record<string, string[]> = {}): fc.Arbitrary<FuzzRequest> {
  const each = (Object.entries(api) as [string, Endpoint][]).map(([id, e]) => ({
    weight: 3,
    arbitrary: apiRequest(id, e, known),
  }));
  return fc.oneof(...each, { weight: 1, arbitrary: strayRequest });
}
