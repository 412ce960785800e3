import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Endpoint, isStateChanging } from './endpoint';
import { api, incomingKeysBody, signInBody } from './index';

describe('the contract', () => {
  it('never throws on arbitrary JSON for the incoming-keys body', () => {
    const field = fc.oneof(fc.jsonValue(), fc.string(), fc.webUrl());
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            { clientId: field, clientSecret: field, issuerUri: field },
            { requiredKeys: [] },
          ),
        ),
        (value) => {
          const result = incomingKeysBody.safeParse(value);
          if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary JSON for any endpoint body', () => {
    const bodies = (Object.values(api) as Endpoint[]).flatMap((e) => (e.body ? [e.body] : []));
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const body of bodies) body.safeParse(value);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts the form as the dialog sends it, trimmed', () => {
    expect(
      incomingKeysBody.parse({
        clientId: ' 0oa1 ',
        clientSecret: '',
        issuerUri: ' https://acme.okta.com ',
      }),
    ).toEqual({ clientId: '0oa1', clientSecret: '', issuerUri: 'https://acme.okta.com' });
  });

  it('refuses unknown fields', () => {
    expect(signInBody.safeParse({ email: 'a', password: 'b', admin: true }).success).toBe(false);
  });

  it('gives every endpoint an error answer for each way it can fail', () => {
    for (const [id, endpoint] of Object.entries(api) as [string, Endpoint][]) {
      const statuses = Object.keys(endpoint.responses).map(Number);
      expect(
        statuses.some((s) => s < 300),
        id,
      ).toBe(true);
      if (endpoint.auth !== 'none') expect(statuses, id).toContain(401);
      if (isStateChanging(endpoint.method))
        expect(statuses, id).toEqual(expect.arrayContaining([400, 403, 413, 415, 429]));
    }
  });
});
