import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, MAX_FILTER_TERMS } from './constants';

/**
 * SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2), parsed by recursive descent into a
 * small tree. The server compiles the tree to parameterised SQL; PATCH evaluates value filters on
 * one resource in memory. Nothing here throws anything but FilterSyntaxError.
 */

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type CompareValue = string | number | boolean | null;

/** `uri` is the schema URN when the path was fully qualified; `name` and `sub` keep their case. */
export interface AttrPath {
  uri?: string;
  name: string;
  sub?: string;
}

export type Filter =
  | { type: 'compare'; path: AttrPath; op: CompareOp; value: CompareValue }
  | { type: 'present'; path: AttrPath }
  | { type: 'and' | 'or'; filters: Filter[] }
  | { type: 'not'; filter: Filter }
  /** `emails[type eq "work"]`: the inner filter's paths name sub-attributes of `path`. */
  | { type: 'valuePath'; path: AttrPath; filter: Filter };

/** A PATCH target: `name.givenName`, `members`, `emails[type eq "work"].value`. */
export interface PatchPath {
  attr: AttrPath;
  filter?: Filter;
  sub?: string;
}

export class FilterSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterSyntaxError';
  }
}

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const NAME = /^[A-Za-z$][\w$-]*$/;

type Token =
  | { kind: '(' | ')' | '[' | ']'; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'word'; text: string; at: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    // '+' is a space that form-encoding left behind; it cannot occur outside a string otherwise.
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '+') {
      i++;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ kind: c, at: i });
      i++;
    } else if (c === '"') {
      const match = /^"(?:[^"\\]|\\.)*"/.exec(input.slice(i));
      if (!match) throw new FilterSyntaxError(`Unterminated string at position ${i + 1}.`);
      let value: unknown;
      try {
        value = JSON.parse(match[0]);
      } catch {
        throw new FilterSyntaxError(`Invalid string at position ${i + 1}.`);
      }
      tokens.push({ kind: 'string', value: value as string, at: i });
      i += match[0].length;
    } else {
      const match = /^[^\s()[\]"+]+/.exec(input.slice(i));
      if (!match) throw new FilterSyntaxError(`Unexpected character at position ${i + 1}.`);
      tokens.push({ kind: 'word', text: match[0], at: i });
      i += match[0].length;
    }
  }
  return tokens;
}

/** Splits `urn:...:User:name.givenName` or `name.givenName` into schema, attribute, sub-attribute. */
export function parseAttrPath(text: string): AttrPath {
  let uri: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const colon = text.lastIndexOf(':');
    uri = text.slice(0, colon);
    rest = text.slice(colon + 1);
  }
  const parts = rest.split('.');
  const [name, sub] = parts;
  if (parts.length > 2 || !name || !NAME.test(name) || (sub !== undefined && !NAME.test(sub))) {
    throw new FilterSyntaxError(`"${text.slice(0, 100)}" is not an attribute path.`);
  }
  return { ...(uri ? { uri } : {}), name, ...(sub ? { sub } : {}) };
}

function literal(text: string): CompareValue | undefined {
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  return undefined;
}

class Parser {
  private pos = 0;
  private terms = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(what: string): Token {
    const token = this.tokens[this.pos++];
    if (!token) throw new FilterSyntaxError(`The filter ends where ${what} was expected.`);
    return token;
  }

  private keyword(): string | undefined {
    const token = this.peek();
    return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
  }

  done(): boolean {
    return this.pos >= this.tokens.length;
  }

  unexpected(): FilterSyntaxError {
    const token = this.peek();
    const shown = !token
      ? 'the end'
      : token.kind === 'word'
        ? `"${token.text.slice(0, 50)}"`
        : token.kind === 'string'
          ? 'a string'
          : `"${token.kind}"`;
    return new FilterSyntaxError(
      `Unexpected ${shown}${token ? ` at position ${token.at + 1}` : ''}.`,
    );
  }

  expect(kind: '(' | ')' | '[' | ']'): void {
    const token = this.next(`"${kind}"`);
    if (token.kind !== kind) {
      this.pos--;
      throw this.unexpected();
    }
  }

  or(depth: number): Filter {
    if (depth > MAX_FILTER_DEPTH) throw new FilterSyntaxError('The filter nests too deeply.');
    const filters = [this.and(depth)];
    while (this.keyword() === 'or') {
      this.pos++;
      filters.push(this.and(depth));
    }
    return filters.length === 1 ? (filters[0] as Filter) : { type: 'or', filters };
  }

  private and(depth: number): Filter {
    const filters = [this.unary(depth)];
    while (this.keyword() === 'and') {
      this.pos++;
      filters.push(this.unary(depth));
    }
    return filters.length === 1 ? (filters[0] as Filter) : { type: 'and', filters };
  }

  private unary(depth: number): Filter {
    const token = this.peek();
    if (token?.kind === 'word' && token.text.toLowerCase() === 'not') {
      const after = this.tokens[this.pos + 1];
      // `not` is also a legal attribute name only when a comparison follows it.
      if (after?.kind === '(') {
        this.pos++;
        return { type: 'not', filter: this.group(depth + 1) };
      }
    }
    if (token?.kind === '(') return this.group(depth + 1);
    return this.attrExp(depth);
  }

  private group(depth: number): Filter {
    this.expect('(');
    const inner = this.or(depth);
    this.expect(')');
    return inner;
  }

  attrExp(depth: number, allowValuePath = true): Filter {
    const token = this.next('an attribute');
    if (token.kind !== 'word') {
      this.pos--;
      throw this.unexpected();
    }
    if (++this.terms > MAX_FILTER_TERMS) {
      throw new FilterSyntaxError(`The filter has more than ${MAX_FILTER_TERMS} comparisons.`);
    }
    const path = parseAttrPath(token.text);
    if (this.peek()?.kind === '[') {
      if (!allowValuePath || path.sub) throw this.unexpected();
      this.pos++;
      const inner = this.or(depth + 1);
      this.expect(']');
      const following = this.peek();
      // Lenient: `emails[type eq "work"].value eq "x"` reads as the bracket and the comparison.
      if (following?.kind === 'word' && following.text.startsWith('.')) {
        this.pos++;
        const sub = following.text.slice(1);
        if (!NAME.test(sub)) throw new FilterSyntaxError(`"${sub}" is not a sub-attribute.`);
        const compare = this.comparison({ name: sub });
        return { type: 'valuePath', path, filter: { type: 'and', filters: [inner, compare] } };
      }
      return { type: 'valuePath', path, filter: inner };
    }
    return this.comparison(path);
  }

  private comparison(path: AttrPath): Filter {
    const opToken = this.next('an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)');
    const op = opToken.kind === 'word' ? opToken.text.toLowerCase() : '';
    if (op === 'pr') return { type: 'present', path };
    if (!COMPARE_OPS.has(op)) {
      this.pos--;
      throw new FilterSyntaxError(
        `Expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) at position ${opToken.at + 1}.`,
      );
    }
    const valueToken = this.next('a value');
    let value: CompareValue | undefined;
    if (valueToken.kind === 'string') value = valueToken.value;
    else if (valueToken.kind === 'word') value = literal(valueToken.text);
    if (value === undefined) {
      this.pos--;
      throw new FilterSyntaxError(
        `Expected a value (a "quoted string", a number, true, false or null) at position ${valueToken.at + 1}.`,
      );
    }
    return { type: 'compare', path, op: op as CompareOp, value };
  }
}

function checkLength(text: string, what: string): void {
  if (text.length > MAX_FILTER_LENGTH) {
    throw new FilterSyntaxError(`The ${what} is longer than ${MAX_FILTER_LENGTH} characters.`);
  }
  if (text.trim() === '') throw new FilterSyntaxError(`The ${what} is empty.`);
}

/** Parses a `filter` query parameter. */
export function parseFilter(text: string): Filter {
  checkLength(text, 'filter');
  const parser = new Parser(tokenize(text));
  const filter = parser.or(0);
  if (!parser.done()) throw parser.unexpected();
  return filter;
}

/** Parses a PATCH `path`: attrPath, or attrPath[valFilter], optionally followed by .subAttr. */
export function parsePatchPath(text: string): PatchPath {
  checkLength(text, 'path');
  const bracket = text.indexOf('[');
  if (bracket < 0) {
    if (/[\s()\]"]/.test(text.trim())) throw new FilterSyntaxError(`"${text}" is not a path.`);
    return { attr: parseAttrPath(text.trim()) };
  }
  const close = text.lastIndexOf(']');
  if (close < bracket) throw new FilterSyntaxError('The path has "[" without "]".');
  const attr = parseAttrPath(text.slice(0, bracket).trim());
  if (attr.sub)
    throw new FilterSyntaxError('A value filter follows the attribute, not a sub-attribute.');
  const filter = parseFilter(text.slice(bracket + 1, close));
  const tail = text.slice(close + 1).trim();
  if (tail === '') return { attr, filter };
  if (!tail.startsWith('.') || !NAME.test(tail.slice(1))) {
    throw new FilterSyntaxError(`Unexpected "${tail.slice(0, 50)}" after "]".`);
  }
  return { attr, filter, sub: tail.slice(1) };
}
