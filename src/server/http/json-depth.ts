/**
 * How deep a JSON text nests, read without parsing it: a body of 100,000 `[` parses fine but
 * then overflows the stack of every recursive walk after it (validation, storage, logging).
 * Linear, with no allocation; brackets inside strings do not count.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

export function tooDeepMessage(max: number): string {
  return `The body nests arrays and objects more than ${max} levels deep.`;
}
