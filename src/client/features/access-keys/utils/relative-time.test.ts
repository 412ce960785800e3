import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

const now = Date.parse('2026-03-02T12:00:00.000Z');
const secondsAgo = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('relativeTime', () => {
  it.each([
    [0, 'just now'],
    [44, 'just now'],
    [50, '1 minute ago'],
    [5 * 60, '5 minutes ago'],
    [2 * 3600, '2 hours ago'],
    [26 * 3600, 'yesterday'],
    [3 * 86_400, '3 days ago'],
    [15 * 86_400, '2 weeks ago'],
    [400 * 86_400, 'last year'],
  ])('%i seconds before reads "%s"', (seconds, expected) => {
    expect(relativeTime(secondsAgo(seconds), now, 'en')).toBe(expected);
  });

  it('reads a time a little ahead of the browser clock as "just now"', () => {
    expect(relativeTime(secondsAgo(-90), now, 'en')).toBe('just now');
  });
});
