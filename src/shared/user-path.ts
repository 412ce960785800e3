/**
 * The id in `/users/{id}`, the page of one person, decoded; undefined for any other address. A
 * malformed escape stays as it is: the server answers 400 for it, shown on the page.
 */
export function userIdInPath(pathname: string): string | undefined {
  const segment = /^\/users\/([^/]+)$/.exec(pathname)?.[1];
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
