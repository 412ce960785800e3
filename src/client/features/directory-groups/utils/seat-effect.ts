import type {
  Capability,
  MappingStatus,
  SeatEffect,
} from '../../../../shared/api/directory-groups';
import { formatCount } from '../../../../shared/text';

export const capabilityLabel: Record<Capability, string> = { basic: 'Basic', pro: 'Pro' };

export const statusLabel: Record<MappingStatus, string> = {
  synced: 'Synced',
  waiting: 'Waiting for Okta',
  'no-longer-pushed': 'No longer pushed',
};

const users = (n: number) => (n === 1 ? '1 user' : `${formatCount(n)} users`);
const verb = (n: number, one: string, many: string) => (n === 1 ? one : many);

/**
 * The effect of a change on seats, one sentence per move, for example "12 users move from Basic
 * to Pro". Users who lose their only licence can no longer sign in, so that is said too.
 */
export function describeSeatEffect(effect: SeatEffect): string[] {
  const lines: string[] = [];
  const move = (n: number, from: string, to: string) => {
    if (n > 0) lines.push(`${users(n)} ${verb(n, 'moves', 'move')} from ${from} to ${to}`);
  };
  const gain = (n: number, licence: string) => {
    if (n > 0) lines.push(`${users(n)} ${verb(n, 'gets', 'get')} ${licence}`);
  };
  const lose = (n: number, licence: string) => {
    if (n > 0)
      lines.push(`${users(n)} ${verb(n, 'loses', 'lose')} ${licence} and can no longer sign in`);
  };
  move(effect.fromBasicToPro, 'Basic', 'Pro');
  move(effect.fromProToBasic, 'Pro', 'Basic');
  gain(effect.fromNoneToPro, 'Pro');
  gain(effect.fromNoneToBasic, 'Basic');
  lose(effect.fromProToNone, 'Pro');
  lose(effect.fromBasicToNone, 'Basic');
  if (lines.length > 0) return lines;
  if (effect.affectedUsers === 0) return ['No active members yet: no seats change'];
  return [
    `No seats change: the ${users(effect.affectedUsers)} in this group keep the licence they have`,
  ];
}
