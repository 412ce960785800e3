import { describe, expect, it } from 'vitest';
import { returnPathFrom } from './return-path';

describe('returnPathFrom', () => {
  it('returns to the page the person asked for', () => {
    expect(returnPathFrom({ from: { pathname: '/groups', search: '?q=a', hash: '#x' } })).toBe(
      '/groups?q=a#x',
    );
  });

  it('falls back to the main page without a usable state', () => {
    expect(returnPathFrom(undefined)).toBe('/');
    expect(returnPathFrom(null)).toBe('/');
    expect(returnPathFrom({ from: { pathname: 42 } })).toBe('/');
    expect(returnPathFrom({ from: { pathname: '/sign-in' } })).toBe('/');
  });

  it('never leaves the console', () => {
    expect(returnPathFrom({ from: { pathname: '//evil.example/x' } })).toBe('/');
    expect(returnPathFrom({ from: { pathname: 'https://evil.example' } })).toBe('/');
  });
});
