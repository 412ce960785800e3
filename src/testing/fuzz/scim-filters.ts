/** SCIM filters and PATCH paths from the grammar (RFC 7644 §3.4.2.2), and broken ones. */
import fc from 'fast-check';
import {
  type AttributeDef,
  groupAttributes,
  userDocAttributes,
} from '../../shared/scim/attributes';
import { SCHEMA } from '../../shared/scim/constants';
import { oddString } from './junk';

const OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'Eq'];

function pathsOf(defs: AttributeDef[], uri: string): string[] {
  const out: string[] = ['id', 'meta.created', 'meta.lastModified', 'externalId'];
  for (const d of defs) {
    out.push(d.name);
    for (const s of d.subAttributes ?? []) out.push(`${d.name}.${s.name}`);
  }
  out.push(`${uri}:userName`, `${uri}:name.givenName`, 'unknownAttr', 'a.b.c', 'emails.nope');
  return out;
}

export const userPaths = pathsOf(userDocAttributes, SCHEMA.user);
export const groupPaths = pathsOf(groupAttributes, SCHEMA.group);

const filterValue = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('"jane@acme.com"', 'true', '"Sales"') },
  fc.constantFrom(
    '"jane@acme.com"',
    '"JANE@ACME.COM"',
    'true',
    'false',
    'null',
    '1',
    '-1.5e3',
    '"2024-01-01T00:00:00Z"',
    '"a+b@c.d"',
    '"%"',
    '"_"',
    '"\\""',
    '"\\u0000"',
  ),
  oddString.map((s) => JSON.stringify(s)),
  fc.constantFrom('"unterminated', 'unquoted', '"\\x"', "'single'"),
);

/** Filters that parse, built from the attribute paths, up to a few levels deep. */
export function validFilter(paths: string[]): fc.Arbitrary<string> {
  const attr = fc.constantFrom(...paths);
  const { tree } = fc.letrec<{ tree: string }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(attr, fc.constantFrom(...OPS), filterValue).map(([a, op, v]) => `${a} ${op} ${v}`),
      attr.map((a) => `${a} pr`),
      fc
        .tuple(tie('tree'), fc.constantFrom('and', 'or', 'AND'), tie('tree'))
        .map(([l, op, r]) => `${l} ${op} ${r}`),
      tie('tree').map((t) => `not (${t})`),
      tie('tree').map((t) => `(${t})`),
      fc
        .tuple(fc.constantFrom('emails', 'members', 'phoneNumbers', 'name'), tie('tree'))
        .map(([a, t]) => `${a}[${t}]`),
    ),
  }));
  return tree;
}

/** A filter as a client might send it, broken now and then: cut, spliced, nested, huge. */
export function filterText(paths: string[]): fc.Arbitrary<string> {
  const valid = validFilter(paths);
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([f, n]) => f.slice(0, n % (f.length + 1))),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat(), oddString).map(([f, n, s]) => {
        const at = n % (f.length + 1);
        return f.slice(0, at) + s + f.slice(at);
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 10, max: 2000 })
        .map((n) => `${'('.repeat(n)}userName eq "a"${')'.repeat(n)}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 10, max: 1000 })
        .map((n) => `${'not ('.repeat(n)}active eq true${')'.repeat(n)}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 50, max: 300 })
        .map((n) => Array.from({ length: n }, (_, i) => `userName eq "u${i}"`).join(' or ')),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 2, max: 400 })
        .map((n) => `${'emails['.repeat(n)}value eq "x"${']'.repeat(n)}`),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 4000, max: 12000 }).map((n) => `userName eq "${'a'.repeat(n)}"`),
    },
    { weight: 1, arbitrary: oddString },
  );
}

/** PATCH paths: the attribute forms Okta sends, value filters, and junk. */
export function patchPath(paths: string[]): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: fc.constantFrom(...paths) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'members[value eq "@user:0@"]',
        'members[value eq "@user:1@"]',
        'emails[type eq "work"].value',
        'emails[primary eq true]',
        'members[display co "a"]',
        'addresses[type eq "work"].locality',
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('emails', 'members', 'name'), validFilter(paths))
        .map(([a, f]) => `${a}[${f}]`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'members[',
        'members]',
        'members[value eq]',
        '[value eq "x"]',
        'emails[type eq "work"].',
        'emails[type eq "work"]x',
        'name..givenName',
        '.',
        '',
        ' ',
      ),
    },
    { weight: 1, arbitrary: oddString },
  );
}
