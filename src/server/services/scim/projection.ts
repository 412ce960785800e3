import { type Doc, isPlainObject } from './values';

/** Attributes always returned whatever `attributes` or `excludedAttributes` say. */
const ALWAYS = new Set(['id', 'schemas']);

export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

export function readProjection(attributes?: string, excluded?: string): Projection {
  const list = (raw?: string) =>
    raw
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    ...(attributes ? { attributes: list(attributes) } : {}),
    ...(excluded ? { excludedAttributes: list(excluded) } : {}),
  };
}

/** `urn:...:User:name.givenName` and `name.givenName` both become ["name", "givenname"]. */
function parts(path: string, core: string): string[] {
  let rest = path;
  if (rest.toLowerCase().startsWith(`${core.toLowerCase()}:`)) rest = rest.slice(core.length + 1);
  else if (/^urn:/i.test(rest)) {
    const known = rest.toLowerCase().lastIndexOf(':');
    return [
      rest.slice(0, known).toLowerCase(),
      ...rest
        .slice(known + 1)
        .toLowerCase()
        .split('.'),
    ];
  }
  return rest.toLowerCase().split('.');
}

/** Whether a resource's top-level attribute would be in the answer (e.g. members). */
export function wants(projection: Projection, name: string, core: string): boolean {
  const lower = name.toLowerCase();
  if (projection.attributes) {
    return projection.attributes.some((p) => parts(p, core)[0] === lower);
  }
  if (projection.excludedAttributes) {
    return !projection.excludedAttributes.some((p) => {
      const path = parts(p, core);
      return path.length === 1 && path[0] === lower;
    });
  }
  return true;
}

/** Applies `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5), one level of sub-attributes. */
export function project<T extends Doc>(resource: T, projection: Projection, core: string): Doc {
  if (!projection.attributes && !projection.excludedAttributes) return resource;
  const out: Doc = {};
  for (const [key, value] of Object.entries(resource)) {
    const lower = key.toLowerCase();
    if (ALWAYS.has(lower)) {
      out[key] = value;
      continue;
    }
    const subsWanted = (projection.attributes ?? [])
      .map((p) => parts(p, core))
      .filter((p) => p[0] === lower);
    const subsExcluded = (projection.excludedAttributes ?? [])
      .map((p) => parts(p, core))
      .filter((p) => p[0] === lower);
    if (projection.attributes) {
      if (subsWanted.length === 0) continue;
      if (subsWanted.some((p) => p.length === 1) || !isPlainObject(value)) out[key] = value;
      else
        out[key] = pick(
          value,
          subsWanted.map((p) => p[1] as string),
          true,
        );
    } else {
      if (subsExcluded.some((p) => p.length === 1)) continue;
      out[key] =
        subsExcluded.length > 0 && isPlainObject(value)
          ? pick(
              value,
              subsExcluded.map((p) => p[1] as string),
              false,
            )
          : value;
    }
  }
  return out;
}

function pick(value: Doc, subs: string[], keep: boolean): Doc {
  return Object.fromEntries(
    Object.entries(value).filter(([k]) => subs.includes(k.toLowerCase()) === keep),
  );
}
