import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEndpoint } from '../../shared/api/endpoint';
import { errorResponses } from '../../shared/api/errors';
import { loadConfig } from '../config';
import type { AppContext } from './context';
import { registerEndpoint, respond } from './endpoint';
import { apiErrorHandler } from './errors';

const probe = defineEndpoint({
  method: 'GET',
  path: '/probe',
  summary: 'a test endpoint',
  auth: 'none',
  query: z.object({ answer: z.enum(['good', 'bad-body', 'bad-status']) }),
  responses: { 200: z.object({ ok: z.literal(true) }), 400: errorResponses[400] },
});

async function appWith(validateResponses: boolean) {
  const app = Fastify({ logger: false });
  app.setErrorHandler(apiErrorHandler);
  const ctx = { config: { ...loadConfig({}), validateResponses } } as AppContext;
  registerEndpoint(app, ctx, probe, async ({ query }) => {
    // Deliberately outside the contract, as a buggy handler would answer.
    if (query.answer === 'bad-body') return respond(200, { ok: 'yes' } as never);
    if (query.answer === 'bad-status') return respond(418 as 200, { ok: true });
    return respond(200, { ok: true });
  });
  return app;
}

describe('response validation (config.validateResponses)', () => {
  it('turns an answer outside the contract into a 500 when on', async () => {
    const app = await appWith(true);
    expect((await app.inject('/probe?answer=good')).statusCode).toBe(200);
    for (const answer of ['bad-body', 'bad-status']) {
      const response = await app.inject(`/probe?answer=${answer}`);
      expect(response.statusCode, answer).toBe(500);
    }
    const invalid = await app.inject('/probe?answer=other');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().fields).toHaveProperty('answer');
  });

  it('lets it through when off (production)', async () => {
    const app = await appWith(false);
    const response = await app.inject('/probe?answer=bad-body');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: 'yes' });
  });
});
