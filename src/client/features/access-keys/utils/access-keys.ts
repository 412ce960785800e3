import type { AccessKeyList, AccessKeyView } from '../../../../shared/api/access-keys';

/** How a key is named to a person: its first characters and an ellipsis. */
export const keyLabel = (key: Pick<AccessKeyView, 'prefix'>) => `${key.prefix}…`;

/** All allowed keys are active: the server refuses another until one is revoked. */
export function atActiveLimit(list: AccessKeyList): boolean {
  return list.keys.filter((key) => key.active).length >= list.maxActive;
}
