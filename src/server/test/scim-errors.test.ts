import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { oktaUser, type ScimHarness, scimHarness } from '../http/scim/testing';
import { flushScimActivity } from '../services/scim/activity';

let h: ScimHarness;
beforeEach(async () => {
  h = await scimHarness();
});
afterEach(async () => {
  await h.close();
});

function expectScimError(
  res: { statusCode: number; json: () => unknown; headers: Record<string, unknown> },
  status: number,
  scimType?: string,
) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/scim\+json/);
  expect(res.json()).toEqual({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail: expect.any(String),
  });
}

describe('errors and statuses', () => {
  test('malformed JSON, empty and non-object bodies → 400 invalidSyntax', async () => {
    expectScimError(await h.scim('POST', '/Users', '{"userName": '), 400, 'invalidSyntax');
    expectScimError(await h.scim('POST', '/Users', '[1,2]'), 400, 'invalidSyntax');
    expectScimError(await h.scim('POST', '/Users', '"text"'), 400, 'invalidSyntax');
    expectScimError(
      await h.scim('POST', '/Users', undefined, { 'content-type': 'application/scim+json' }),
      400,
      'invalidSyntax',
    );
    const user = (await h.scim('POST', '/Users', oktaUser('a@acme.com'))).json();
    expectScimError(
      await h.scim('PATCH', `/Users/${user.id}`, { Operations: [] }),
      400,
      'invalidSyntax',
    );
    expectScimError(
      await h.scim('PATCH', `/Users/${user.id}`, { Operations: [{ op: 'move', path: 'x' }] }),
      400,
      'invalidSyntax',
    );
  });

  test('application/json is accepted; other media types → 415; too large → 413', async () => {
    const json = await h.scim('POST', '/Users', oktaUser('j@acme.com'), {
      'content-type': 'application/json',
    });
    expect(json.statusCode).toBe(201);
    expect(json.headers['content-type']).toMatch(/^application\/scim\+json/);
    expectScimError(
      await h.scim('POST', '/Users', 'userName=x', { 'content-type': 'text/plain' }),
      415,
    );
    const big = JSON.stringify({ userName: 'big@acme.com', title: 'x'.repeat(11 * 1024 * 1024) });
    expectScimError(await h.scim('POST', '/Users', big), 413);
    expect((await h.scim('GET', '/Users')).json().totalResults).toBe(1);
  });

  test('bad filters → 400 invalidFilter; unknown paths → 400 invalidPath', async () => {
    for (const filter of [
      'userName eq',
      'userName xx "a"',
      '(userName eq "a"',
      'userName eq "a" and',
      'nosuch eq "a"',
      'active gt true',
      'userName eq true',
      'emails[type eq "work"',
      'meta.created gt "yesterday"',
      '"quoted" eq "a"',
    ]) {
      const res = await h.scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      expectScimError(res, 400, 'invalidFilter');
    }
    const user = (await h.scim('POST', '/Users', oktaUser('p@acme.com'))).json();
    for (const path of [
      'nosuch',
      'name.nosuch',
      'userName.x',
      'urn:x:y:z:attr',
      'emails[',
      'a b',
    ]) {
      const res = await h.scim('PATCH', `/Users/${user.id}`, {
        Operations: [{ op: 'replace', path, value: 'x' }],
      });
      expect(res.statusCode).toBe(400);
      expect(['invalidPath', 'invalidFilter']).toContain(res.json().scimType);
    }
    const pathless = await h.scim('PATCH', `/Users/${user.id}`, {
      Operations: [{ op: 'replace', value: { nosuch: 1 } }],
    });
    expectScimError(pathless, 400, 'invalidPath');
    const removeAll = await h.scim('PATCH', `/Users/${user.id}`, {
      Operations: [{ op: 'remove' }],
    });
    expectScimError(removeAll, 400, 'noTarget');
    const readOnly = await h.scim('PATCH', `/Users/${user.id}`, {
      Operations: [{ op: 'replace', value: { id: 'other' } }],
    });
    expectScimError(readOnly, 400, 'mutability');
    const wrongType = await h.scim('PATCH', `/Users/${user.id}`, {
      Operations: [{ op: 'replace', path: 'active', value: 'maybe' }],
    });
    expectScimError(wrongType, 400, 'invalidValue');
    const noUserName = await h.scim('PATCH', `/Users/${user.id}`, {
      Operations: [{ op: 'remove', path: 'userName' }],
    });
    expectScimError(noUserName, 400, 'invalidValue');
  });

  test('unknown ids → 404; a refused write changes nothing', async () => {
    expectScimError(await h.scim('GET', '/Users/nope'), 404);
    expectScimError(await h.scim('PUT', '/Users/nope', oktaUser('x@acme.com')), 404);
    expectScimError(
      await h.scim('PATCH', '/Groups/nope', { Operations: [{ op: 'remove', path: 'members' }] }),
      404,
    );
    expectScimError(await h.scim('DELETE', '/Groups/nope'), 404);
    const user = (await h.scim('POST', '/Users', oktaUser('keep@acme.com'))).json();
    const refused = await h.scim('PATCH', `/Users/${user.id}`, {
      Operations: [
        { op: 'replace', path: 'displayName', value: 'Changed' },
        { op: 'replace', path: 'nosuch', value: 'x' },
      ],
    });
    expect(refused.statusCode).toBe(400);
    expect((await h.scim('GET', `/Users/${user.id}`)).json().displayName).toBe(user.displayName);
  });

  test('renaming a user onto another userName (any case) → 409', async () => {
    await h.scim('POST', '/Users', oktaUser('one@acme.com'));
    const two = (await h.scim('POST', '/Users', oktaUser('two@acme.com'))).json();
    const res = await h.scim('PATCH', `/Users/${two.id}`, {
      Operations: [{ op: 'replace', path: 'userName', value: 'ONE@acme.com' }],
    });
    expectScimError(res, 409, 'uniqueness');
  });
});

describe('the password attribute', () => {
  test('appears in no column, response or log line', async () => {
    const password = 'Okta-Random-P4ssw0rd-7c1e';
    const created = await h.scim('POST', '/Users', { ...oktaUser('pw@acme.com'), password });
    expect(created.body).not.toContain(password);
    const id = created.json().id;
    const patched = await h.scim('PATCH', `/Users/${id}`, {
      Operations: [
        { op: 'replace', value: { password } },
        { op: 'replace', path: 'password', value: password },
      ],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.body).not.toContain(password);
    const put = await h.scim('PUT', `/Users/${id}`, { userName: 'pw@acme.com', password });
    expect(put.body).not.toContain(password);
    expect((await h.scim('GET', `/Users/${id}`)).body).not.toContain(password);
    await flushScimActivity(h.db);
    const tables = await h.db.introspection.getTables();
    for (const table of tables) {
      const rows = await h.db
        .selectFrom(table.name as 'scim_users')
        .selectAll()
        .execute();
      expect(JSON.stringify(rows)).not.toContain(password);
      expect(table.columns.map((c) => c.name)).not.toContain('password');
    }
    expect(h.logs.join('')).not.toContain(password);
  });
});

describe('service provider configuration', () => {
  test('describes what is supported', async () => {
    const spc = await h.scim('GET', '/ServiceProviderConfig');
    expect(spc.statusCode).toBe(200);
    expect(spc.json()).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [{ type: 'oauthbearertoken' }],
    });
    const types = (await h.scim('GET', '/ResourceTypes')).json();
    expect(types.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    expect((await h.scim('GET', '/ResourceTypes/User')).json().endpoint).toBe('/Users');
    const schemas = (await h.scim('GET', '/Schemas')).json();
    expect(schemas.totalResults).toBe(3);
    const user = await h.scim('GET', '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
    expect(
      user.json().attributes.find((a: { name: string }) => a.name === 'userName'),
    ).toMatchObject({
      uniqueness: 'server',
      required: true,
    });
  });
});

describe('users', () => {
  test('filters: operators, logic, emails value paths, dates; deactivated users included', async () => {
    const mk = (userName: string, extra: Record<string, unknown> = {}) =>
      h.scim('POST', '/Users', oktaUser(userName, extra)).then((r) => r.json());
    const ann = await mk('ann.lee@acme.com', {
      emails: [
        { value: 'Ann@Work.com', type: 'work' },
        { value: 'ann@home.org', type: 'home' },
      ],
    });
    const bob = await mk('bob.kim@acme.com', { active: false, externalId: '00uBOB' });
    const cy = await mk('cy.dee@other.org', { displayName: undefined });
    const ids = async (filter: string) =>
      (
        (await h.scim('GET', `/Users?filter=${encodeURIComponent(filter)}`)).json().Resources as {
          id: string;
        }[]
      ).map((r) => r.id);
    expect(await ids('userName sw "ANN"')).toEqual([ann.id]);
    expect(await ids('userName ew "@acme.com"')).toEqual([ann.id, bob.id]);
    expect(await ids('userName co "kim"')).toEqual([bob.id]);
    expect(await ids('userName ne "ann.lee@acme.com"')).toEqual([bob.id, cy.id]);
    expect(await ids('externalId eq "00uBOB"')).toEqual([bob.id]);
    expect(await ids('externalId eq "00ubob"')).toEqual([]);
    expect(await ids(`id eq "${cy.id}"`)).toEqual([cy.id]);
    expect(await ids('active eq false')).toEqual([bob.id]);
    expect(await ids('displayName pr')).toEqual([ann.id, bob.id]);
    expect(await ids('not (displayName pr)')).toEqual([cy.id]);
    expect(await ids('not (displayName eq "ann lee")')).toEqual([bob.id, cy.id]);
    expect(await ids('emails.value eq "ann@work.com"')).toEqual([ann.id]);
    expect(await ids('emails[type eq "work"].value eq "ann@home.org"')).toEqual([]);
    expect(await ids('emails[type eq "home" and value co "home"]')).toEqual([ann.id]);
    expect(await ids('emails[type eq "work"].value eq "ANN@WORK.COM"')).toEqual([ann.id]);
    expect(await ids('(userName sw "ann" or userName sw "cy") and not (active eq false)')).toEqual([
      ann.id,
      cy.id,
    ]);
    expect(await ids('name.familyName eq "KIM"')).toEqual([bob.id]);
    expect(
      await ids('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "cy.dee@other.org"'),
    ).toEqual([cy.id]);
    expect(await ids(`meta.created ge "${ann.meta.created}"`)).toEqual([ann.id, bob.id, cy.id]);
    expect(await ids('meta.lastModified lt "2000-01-01T00:00:00Z"')).toEqual([]);
    expect(await ids('userName eq "100%_\\\\x"')).toEqual([]);
    expect(await ids('userName co "%"')).toEqual([]);
  });

  test('PATCH paths: sub-attributes, value filters, add/remove on multi-valued, extensions', async () => {
    const user = (await h.scim('POST', '/Users', oktaUser('pat@acme.com'))).json();
    const patch = (Operations: unknown[]) => h.scim('PATCH', `/Users/${user.id}`, { Operations });
    let res = await patch([
      { op: 'replace', path: 'name.givenName', value: 'Patricia' },
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'patricia@acme.com' },
      { op: 'add', path: 'emails', value: [{ value: 'pat@home.org', type: 'home' }] },
      { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
      {
        op: 'ADD',
        value: {
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
        },
      },
      { op: 'add', value: { 'urn:example:params:custom:2.0:User': { badge: 42 } } },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: { givenName: 'Patricia', familyName: 'Doe' },
      emails: [
        { value: 'patricia@acme.com', type: 'work', primary: true },
        { value: 'pat@home.org', type: 'home' },
      ],
      phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
      'urn:example:params:custom:2.0:User': { badge: 42 },
    });
    expect(res.json().schemas).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'urn:example:params:custom:2.0:User',
    ]);
    const byEmail = await h.scim(
      'GET',
      `/Users?filter=${encodeURIComponent('emails.value eq "pat@home.org"')}`,
    );
    expect(byEmail.json().totalResults).toBe(1);
    res = await patch([
      { op: 'remove', path: 'emails[type eq "home"]' },
      {
        op: 'remove',
        path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
      },
      { op: 'replace', value: { 'name.familyName': 'Jones', displayName: 'P. Jones' } },
    ]);
    expect(res.json().emails).toEqual([
      { value: 'patricia@acme.com', type: 'work', primary: true },
    ]);
    expect(res.json().name).toEqual({ givenName: 'Patricia', familyName: 'Jones' });
    expect(
      res.json()['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    ).toBeUndefined();
    const gone = await h.scim(
      'GET',
      `/Users?filter=${encodeURIComponent('emails.value eq "pat@home.org"')}`,
    );
    expect(gone.json().totalResults).toBe(0);
  });
});
