/** Broken copies of a valid-ish JSON object, and bodies that are not JSON objects at all. */
import fc from 'fast-check';
import { bigValue, junkKey, junkValue, oddString } from './junk';
import { deep, type Payload } from './payload';

export interface Body {
  payload: Payload;
  /** Which mutation made it, for the report. */
  mutation: string;
}

const json = (value: unknown, mutation: string): Body => ({
  payload: { kind: 'json', value },
  mutation,
});

/** Bodies that are not a JSON object: other JSON, malformed text, invalid UTF-8, nesting. */
export const notAnObject: fc.Arbitrary<Body> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => json(v, 'other JSON')),
  fc
    .constantFrom(
      '{',
      '{"a":',
      "{'a':1}",
      '{"a":1}}',
      '[1,]',
      '{"a":1,}',
      'nul',
      '\ufeff{}',
      '{"a":"\\ud800"}',
      '{"a":1e99999}',
      '{"a":-}',
      '1 2',
      '{"__proto__":{"isAdmin":true}}',
      '{"a":1,"a":2}',
    )
    .map((text): Body => ({ payload: { kind: 'text', text }, mutation: 'malformed JSON' })),
  oddString.map((text): Body => ({ payload: { kind: 'text', text }, mutation: 'odd text' })),
  fc
    .constantFrom('ff', 'c0af', '7b22613a22ff227d', 'eda080', 'fe', '00', 'f4908080')
    .map((hex): Body => ({ payload: { kind: 'bytes', hex }, mutation: 'invalid UTF-8' })),
  fc
    .tuple(
      fc.integer({ min: 50, max: 200_000 }),
      fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>,
    )
    .map(
      ([n, shape]): Body => ({
        payload: { kind: 'deep', deep: deep(n, shape) },
        mutation: `deep ${shape}`,
      }),
    ),
  fc.constant<Body>({ payload: { kind: 'none' }, mutation: 'no body' }),
);

/** A valid-ish object, or a copy with one thing broken: a field dropped, retyped, added, huge. */
export function mutatedObject(
  valid: fc.Arbitrary<Record<string, unknown>>,
  keys: string[],
): fc.Arbitrary<Body> {
  const key = keys.length > 0 ? fc.constantFrom(...keys) : junkKey;
  return fc.oneof(
    { weight: 8, arbitrary: valid.map((v) => json(v, 'valid-ish')) },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, key).map(([v, k]) => {
        const { [k]: _dropped, ...rest } = v;
        return json(rest, `missing ${k}`);
      }),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(valid, key, junkValue)
        .map(([v, k, x]) => json({ ...v, [k]: x }, `junk in ${k}`)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, key, bigValue)
        .map(([v, k, x]) => json({ ...v, [k]: x }, `big value in ${k}`)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, junkKey, junkValue)
        .map(([v, k, x]) => json({ ...v, [k]: x }, 'extra field')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(valid, fc.dictionary(junkKey, junkValue, { maxKeys: 6 }))
        .map(([v, extra]) => json(Object.assign({}, v, extra), 'extra fields')),
    },
    { weight: 2, arbitrary: notAnObject },
  );
}

/** Content types to send a body under; the right one most of the time. */
export function contentType(right: string[]): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...right) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        undefined,
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'APPLICATION/JSON',
        'application/json;;',
        'application/scim+json',
        'application/merge-patch+json',
        '*/*',
        '',
      ),
    },
  );
}
