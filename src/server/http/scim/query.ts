import { invalidSyntax } from '../../services/scim/errors';
import { type Page, readPage } from '../../services/scim/paging';
import { type Projection, readProjection } from '../../services/scim/projection';

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw invalidSyntax('The query string is not correctly percent-encoded.');
  }
}

/**
 * The query string read from the raw URL with RFC 3986 decoding: `+` stays a plus, so
 * `userName eq "jane+test@acme.com"` arrives intact (form decoding would make it a space; the
 * filter parser reads a `+` outside quotes as a space instead). Names compare in any case.
 */
export function rawQuery(url: string): Record<string, string> {
  const at = url.indexOf('?');
  const out: Record<string, string> = {};
  if (at < 0) return out;
  for (const part of url.slice(at + 1).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    if (!(name in out)) out[name] = value;
  }
  return out;
}

export interface ListQuery {
  filter: string | undefined;
  page: Page;
  projection: Projection;
}

export function readListQuery(url: string): ListQuery {
  const q = rawQuery(url);
  return {
    filter: q.filter === undefined || q.filter.trim() === '' ? undefined : q.filter,
    page: readPage(q.startindex, q.count),
    projection: readProjection(q.attributes, q.excludedattributes),
  };
}

export function readResourceQuery(url: string): Projection {
  const q = rawQuery(url);
  return readProjection(q.attributes, q.excludedattributes);
}
