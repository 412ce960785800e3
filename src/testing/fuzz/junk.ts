/** Values that break assumptions: odd Unicode, wrong types, huge and deeply nested values. */
import fc from 'fast-check';
import { deep, huge } from './payload';

/** Strings that have broken real parsers, case folders, SQL builders and HTML escapers. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\u200b',
  '\ufeff{}',
  'e\u0301',
  '\u0130STANBUL',
  'stra\u00dfe',
  '\u212aelvin',
  '\uff41\uff44\uff4d\uff49\uff4e',
  '\u{1f600}\u{1f469}\u200d\u{1f4bb}',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  "' or 1=1 --",
  '"; drop table admins; --',
  '%',
  '_',
  '*',
  '\\',
  '\\u0000',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e400',
  '0x10',
  'true',
  '\r\n\r\nX-Injected: 1',
  'a'.repeat(300),
];

export const nastyString = fc.constantFrom(...NASTY_STRINGS);

/** Any string: printable, full Unicode (lone surrogates included), or a nasty one. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom('"', '\\', '(', ')', '[', ']', ' ', 'a', '.', ':'),
      maxLength: 20,
    }),
  },
);

/** A value of any JSON type, rarely the expected one. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, true, false, null, [], {}, [null], { a: 1 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.string(), { maxLength: 3 }),
);

/** Large or deep values: past the body limit, at it, or nested far past any sane depth. */
export const bigValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 1_000, max: 70_000 }).map(huge),
  fc.integer({ min: 900_000, max: 1_200_000 }).map(huge),
  fc.integer({ min: 30, max: 200 }).map((n) => deep(n)),
  fc
    .tuple(
      fc.integer({ min: 1_000, max: 100_000 }),
      fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>,
    )
    .map(([n, shape]) => deep(n, shape)),
);

/** Anything a field might receive: odd strings mostly, wrong types, and now and then a big one. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: oddString },
  { weight: 4, arbitrary: wrongValue },
  { weight: 1, arbitrary: bigValue },
);

/** Object keys worth trying as extra fields. */
export const junkKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'isAdmin',
    'id',
    'meta',
    '',
    ' ',
    'a.b',
    '$ref',
  ),
  fc.string({ maxLength: 12 }),
);

/** Percent-encodes anything; a lone surrogate becomes its (invalid) three UTF-8-style bytes. */
export function percentEncode(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return text.replace(/[\s\S]/gu, (c) => {
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
      return bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
    return encodeURIComponent(c);
  });
}
