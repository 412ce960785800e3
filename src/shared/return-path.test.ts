import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInPath } from './return-path';

describe('safeReturnPath', () => {
  it('returns to the page the person asked for', () => {
    expect(safeReturnPath('/users?q=a#x')).toBe('/users?q=a#x');
    expect(safeReturnPath('/users/abc')).toBe('/users/abc');
  });

  it('falls back to the main page without a usable path', () => {
    for (const bad of [undefined, null, 42, '', 'users', '/sign-in', '/sign-in?return=/x']) {
      expect(safeReturnPath(bad), String(bad)).toBe('/');
    }
  });

  it('never leaves the console', () => {
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example', '/\nx']) {
      expect(safeReturnPath(bad), bad).toBe('/');
    }
  });
});

describe('signInPath', () => {
  it('carries the page to return to, encoded', () => {
    expect(signInPath('/users?page=2')).toBe('/sign-in?return=%2Fusers%3Fpage%3D2');
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath('//evil.example')).toBe('/sign-in');
  });
});
