/**
 * A page's dialog state: `key` changes on every opening, so the dialog starts with a fresh form,
 * and `target` is what it acts on (the row chosen). Use with useState and its updater form:
 * `setRemove(reopen(row))`, `setRemove(shut)`.
 */
export interface Opening<T = undefined> {
  open: boolean;
  key: number;
  target?: T;
}

export const closed = { open: false, key: 0 };

export const reopen =
  <T>(target?: T) =>
  ({ key }: Opening<T>): Opening<T> => ({ open: true, key: key + 1, target });

export const shut = <T>(o: Opening<T>): Opening<T> => ({ ...o, open: false });
