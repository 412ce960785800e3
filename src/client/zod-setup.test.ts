import { expect, it } from 'vitest';
import './zod-setup';
import { z } from 'zod';

it('turns off compiled parsers before any schema is built, without importing zod', () => {
  expect(z.config().jitless).toBe(true);
});
