/**
 * Valid-ish values from the contract's zod schemas: what a well-behaved client would send, most
 * of the time, so the broken copies the fuzzer derives reach past the first check. Field names
 * pick realistic strings (an email for `email`, an issuer for `issuerUri`).
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { oddString } from './junk';

interface Def {
  type: string;
  coerce?: boolean;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: unknown[];
  format?: string;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

interface Check {
  _zod: { def: { check: string; value?: number } };
}

/** The inclusive range that `.min()` and `.max()` gave a number schema. */
function numberBounds(def: Def): { min: number; max: number } {
  let min = 0;
  let max = 1000;
  for (const c of (def.checks ?? []) as Check[]) {
    const { check, value } = c._zod.def;
    if (check === 'greater_than' && value !== undefined) min = Math.ceil(value);
    if (check === 'less_than' && value !== undefined) max = Math.floor(value);
  }
  return { min, max: Math.max(min, max) };
}

/** Strings a field of this name would plausibly hold; `known` adds values the server knows. */
function stringFor(name: string, known: Record<string, string[]>): fc.Arbitrary<string> {
  const lower = name.toLowerCase();
  const mine = known[name] ?? [];
  const pick = (...values: string[]) =>
    fc.oneof(
      ...(mine.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...mine) }] : []),
      { weight: 3, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: oddString },
    );
  if (lower.includes('email')) return pick('ada@example.test', 'ADA@EXAMPLE.TEST', 'x@y');
  if (lower.includes('password')) return pick('correct horse battery staple', 'x', 'p'.repeat(200));
  if (lower.includes('issuer'))
    return pick(
      'https://acme.okta.com',
      'https://acme.okta.com/oauth2/default',
      'https://acme-admin.okta.com',
      'http://acme.okta.com',
      'https://{yourOktaDomain}',
      'https://acme.okta.com.com',
      'http://127.0.0.1:1',
      'http://localhost:1/oauth2/default',
    );
  if (lower.includes('clientid')) return pick('0oa1client2id', '0oa 1', '');
  if (lower.includes('secret')) return pick('a-client-secret', '', 'has space');
  if (lower === 'from' || lower === 'to' || lower === 'before')
    return pick('2024-01-01T00:00:00.000Z', '2024-13-45', 'yesterday', '1');
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'Sales',
        'sales',
        'Engineering',
        'jane@acme.com',
        'a',
        ...(known[name] ?? []),
      ),
    },
    { weight: 2, arbitrary: oddString },
  );
}

/** A value that the schema would probably accept (and now and then one it would not). */
export function validish(
  schema: z.ZodType,
  name = '',
  known: Record<string, string[]> = {},
): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const entries = Object.fromEntries(
        Object.entries(shape).map(([key, s]) => [key, validish(s, key, known)]),
      );
      const required = Object.entries(shape)
        .filter(([, s]) => !['optional', 'default'].includes(defOf(s).type))
        .map(([key]) => key);
      return fc.record(entries, { requiredKeys: required });
    }
    case 'string':
      if (def.format === 'datetime') {
        return fc.oneof(
          {
            weight: 4,
            arbitrary: fc
              .date({
                min: new Date('2020-01-01'),
                max: new Date('2030-01-01'),
                noInvalidDate: true,
              })
              .map((d) => d.toISOString()),
          },
          { weight: 1, arbitrary: stringFor(name, known) },
        );
      }
      return stringFor(name, known);
    case 'number': {
      const { min, max } = numberBounds(def);
      return fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min, max: Math.min(max, min + 30) }) },
        { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, 1.5, 1e9, -1) },
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? { a: 'a' }));
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'optional':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return validish(def.innerType as z.ZodType, name, known);
    case 'nullable':
      return fc.option(validish(def.innerType as z.ZodType, name, known), { nil: null });
    case 'pipe': {
      // `z.string().max(16).pipe(z.enum(...))`: the enum says what is valid.
      const input = validish(def.in as z.ZodType, name, known);
      if (defOf(def.out as z.ZodType).type === 'transform') return input;
      return fc.oneof(
        { weight: 3, arbitrary: validish(def.out as z.ZodType, name, known) },
        { weight: 1, arbitrary: input },
      );
    }
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => validish(o, name, known)));
    case 'array':
      return fc.array(validish(def.element as z.ZodType, name, known), { maxLength: 4 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** The keys of an object schema, for mutations that drop or retype one. */
export function keysOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const def = defOf(schema);
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}
