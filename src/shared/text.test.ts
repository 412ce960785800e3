import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, plural } from './text';

describe('formatCount', () => {
  it('writes whole numbers as en-US does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (n) => {
        expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
      }),
    );
  });

  it('keeps a fraction, and groups only the whole part', () => {
    expect(formatCount(1234.5)).toBe('1,234.5');
    expect(formatCount(12.3)).toBe('12.3');
    expect(formatCount(0)).toBe('0');
  });

  it('says "1 user", "1,200 users"', () => {
    expect(plural(1, 'user')).toBe('1 user');
    expect(plural(1200, 'user')).toBe('1,200 users');
    expect(plural(2, 'match', 'matches')).toBe('2 matches');
  });
});
