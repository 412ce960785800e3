import { describe, expect, it } from 'vitest';
import { seatEffectFactory } from '../../../../testing/factories';
import { describeSeatEffect } from './seat-effect';

describe('describeSeatEffect', () => {
  it('says each move in words, singular and plural', () => {
    expect(
      describeSeatEffect(
        seatEffectFactory({
          affectedUsers: 18,
          fromBasicToPro: 12,
          fromNoneToPro: 1,
          fromNoneToBasic: 5,
        }),
      ),
    ).toEqual(['12 users move from Basic to Pro', '1 user gets Pro', '5 users get Basic']);
  });

  it('says who can no longer sign in when they lose their only licence', () => {
    expect(
      describeSeatEffect(
        seatEffectFactory({ affectedUsers: 3, fromProToNone: 2, fromProToBasic: 1 }),
      ),
    ).toEqual(['1 user moves from Pro to Basic', '2 users lose Pro and can no longer sign in']);
  });

  it('says when nobody moves', () => {
    expect(describeSeatEffect(seatEffectFactory())).toEqual([
      'No active members yet: no seats change',
    ]);
    expect(describeSeatEffect(seatEffectFactory({ affectedUsers: 4 }))).toEqual([
      'No seats change: the 4 users in this group keep the licence they have',
    ]);
  });

  it('groups thousands for reading', () => {
    expect(
      describeSeatEffect(seatEffectFactory({ affectedUsers: 12000, fromNoneToBasic: 12000 })),
    ).toEqual(['12,000 users get Basic']);
  });
});
