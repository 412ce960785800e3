/**
 * Request bodies as the fuzzer describes them: plain data that fast-check can generate and print,
 * turned into bytes only when sent, so a 10 MB body or a 100,000-deep array costs nothing until
 * then and a failure report shows `{deep: 50000}` rather than the bytes.
 */

/** A JSON value too deep to build as objects: written as `[[[...]]]` or `{"a":{"a":...}}`. */
export interface Deep {
  deep: number;
  shape: 'array' | 'object';
}
/** A string of `huge` characters. */
export interface Huge {
  huge: number;
}

export type Payload =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; hex: string }
  | { kind: 'deep'; deep: Deep };

const isDeep = (v: unknown): v is Deep =>
  typeof v === 'object' && v !== null && 'deep' in v && 'shape' in v;
const isHuge = (v: unknown): v is Huge =>
  typeof v === 'object' && v !== null && 'huge' in v && Object.keys(v).length === 1;

export const deep = (n: number, shape: Deep['shape'] = 'array'): Deep => ({ deep: n, shape });
export const huge = (n: number): Huge => ({ huge: n });

export function deepText({ deep: n, shape }: Deep): string {
  return shape === 'array'
    ? `${'['.repeat(n)}${']'.repeat(n)}`
    : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
}

/** JSON text for a value that may hold Deep and Huge markers anywhere. */
export function jsonText(value: unknown): string {
  const deeps: Deep[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (isHuge(v)) return 'x'.repeat(Math.max(0, v.huge));
    if (isDeep(v)) {
      deeps.push(v);
      return `\u0000deep${deeps.length - 1}\u0000`;
    }
    return v;
  });
  if (text === undefined) return '';
  if (deeps.length === 0) return text;
  return text.replace(/"\\u0000deep(\d+)\\u0000"/g, (_m, i: string) =>
    deepText(deeps[Number(i)] as Deep),
  );
}

/** The bytes to send, with `{user:N}` style references already substituted by `resolve`. */
export function payloadBytes(
  payload: Payload,
  resolve: (text: string) => string,
): Buffer | undefined {
  switch (payload.kind) {
    case 'none':
      return undefined;
    case 'json':
      return Buffer.from(resolve(jsonText(payload.value)));
    case 'text':
      return Buffer.from(resolve(payload.text));
    case 'bytes':
      return Buffer.from(payload.hex, 'hex');
    case 'deep':
      return Buffer.from(deepText(payload.deep));
  }
}

/** A short description for failure reports. */
export function describePayload(payload: Payload): string {
  const text = JSON.stringify(payload, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v,
  );
  return text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
}
