/** What an answer must never carry: a stack trace, a file path, an internal error message. */
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '../../..');

export interface Leak {
  pattern: string;
  excerpt: string;
}

function patterns(dataDir: string): Array<[string, RegExp]> {
  const literal = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return [
    ['stack frame', /\n\s*at \S.*[:(]\d+:\d+\)?/],
    ['stack frame', / {4}at [\w.<>$[\] ]+ \(/],
    ['node_modules path', /node_modules[/\\]/],
    ['source path', /\bsrc[/\\](?:server|shared|testing)[/\\]\S+\.[jt]s\b/],
    ['project directory', literal(projectRoot)],
    ['data directory', literal(dataDir)],
    ['file URL', /file:\/\/\//],
    ['internal error', /\b(?:TypeError|RangeError|ReferenceError|SqliteError|SQLITE_[A-Z_]+)\b/],
    ['internal error', /Cannot read propert|is not a function|Maximum call stack|is not defined\b/],
  ];
}

/**
 * Leaks in an answer body. A pattern that the request itself contains does not count: the server
 * may echo what it was sent ("No user with id ...") without leaking anything of its own.
 */
export function findLeaks(body: string, requestText: string, dataDir: string): Leak[] {
  const found: Leak[] = [];
  for (const [name, re] of patterns(dataDir)) {
    const match = re.exec(body);
    if (!match || re.test(requestText)) continue;
    const at = match.index;
    found.push({ pattern: name, excerpt: body.slice(Math.max(0, at - 80), at + 120) });
  }
  return found;
}
