import { describe, expect, it } from 'vitest';
import { configuredKeysFactory, notConfiguredKeys } from '../../../../testing/factories';
import { formDefaults, incomingKeysFormSchema, issuerHint, secretHint } from './incoming-keys-form';

// The exact words the server uses too (src/shared/api/incoming-keys.ts).
const SECRET_MISSING = 'Paste the Client secret from the Okta application.';
const ISSUER_CHANGED = 'The Issuer URI changed: paste the Client secret again.';
const CLIENT_ID_CHANGED = 'The Client ID changed: paste its Client secret.';

const strict = { allowHttpLoopback: false };
const stored = configuredKeysFactory({
  clientId: '0oa-stored',
  issuerUri: 'https://acme.okta.com',
});

function messages(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('incomingKeysFormSchema', () => {
  it('trims what it sends', () => {
    const schema = incomingKeysFormSchema(strict, notConfiguredKeys());
    expect(
      schema.parse({
        clientId: ' 0oa1 ',
        clientSecret: ' s3cret ',
        issuerUri: ' https://acme.okta.com ',
      }),
    ).toEqual({ clientId: '0oa1', clientSecret: 's3cret', issuerUri: 'https://acme.okta.com' });
  });

  it('follows the server on loopback http issuers', () => {
    const values = { clientId: 'a', clientSecret: 'b', issuerUri: 'http://localhost:9000' };
    expect(incomingKeysFormSchema(strict, notConfiguredKeys()).safeParse(values).success).toBe(
      false,
    );
    expect(
      incomingKeysFormSchema({ allowHttpLoopback: true }, notConfiguredKeys()).safeParse(values)
        .success,
    ).toBe(true);
  });

  it('needs a secret unless the stored connection is unchanged', () => {
    const empty = { clientSecret: '' };
    const unchanged = { clientId: '0oa-stored', issuerUri: 'https://acme.okta.com', ...empty };
    expect(
      messages(incomingKeysFormSchema(strict, notConfiguredKeys()).safeParse(unchanged)),
    ).toEqual({
      clientSecret: SECRET_MISSING,
    });
    const schema = incomingKeysFormSchema(strict, stored);
    expect(schema.safeParse(unchanged).success).toBe(true);
    expect(
      messages(
        schema.safeParse({ ...unchanged, issuerUri: 'https://acme.okta.com/oauth2/default' }),
      ),
    ).toEqual({
      clientSecret: ISSUER_CHANGED,
    });
    expect(messages(schema.safeParse({ ...unchanged, clientId: '0oa-other' }))).toEqual({
      clientSecret: CLIENT_ID_CHANGED,
    });
  });
});

describe('what the dialog starts with and says', () => {
  it('never starts with a secret', () => {
    expect(formDefaults(stored)).toEqual({
      clientId: '0oa-stored',
      clientSecret: '',
      issuerUri: 'https://acme.okta.com',
    });
    expect(formDefaults(notConfiguredKeys())).toEqual({
      clientId: '',
      clientSecret: '',
      issuerUri: '',
    });
  });

  it('explains an empty secret field', () => {
    const same = { clientId: '0oa-stored', issuerUri: 'https://acme.okta.com', clientSecret: '' };
    expect(secretHint(stored, same)).toBe('Leave it empty to keep the stored secret.');
    expect(secretHint(stored, { ...same, issuerUri: 'https://other.okta.com' })).toBe(
      ISSUER_CHANGED,
    );
    expect(secretHint(stored, { ...same, clientSecret: 'new' })).toMatch(/replaces the stored one/);
  });

  it('names the kind of issuer', () => {
    expect(issuerHint('https://acme.okta.com', strict)).toMatch(/org authorization server/);
    expect(issuerHint('https://acme.okta.com/oauth2/default', strict)).toMatch(
      /custom authorization server/,
    );
    expect(issuerHint('https://login.acme.example', strict)).toMatch(
      /custom domain only if its discovery/,
    );
    expect(issuerHint('not a url', strict)).toMatch(/^For example https:\/\/acme\.okta\.com/);
  });
});
