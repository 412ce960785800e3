/**
 * POST /Users stores the user, each of their emails and `user.created` together (on PostgreSQL
 * in one statement): all of them, or, for a userName already taken, none of them.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { eventPage } from '../../shared/api/events';
import { type Harness, startHarness } from '../../testing/server-harness';
import { oktaUser } from '../http/scim/testing';
import { AccessKeysService } from '../services/access-keys';
import { ApiKeysService } from '../services/api-keys';

let harness: Harness;
let scimKey: string;
let apiKey: string;
beforeEach(async () => {
  harness = await startHarness({ eventWorkers: false });
  scimKey = (await new AccessKeysService(harness.db).create('ada@example.test')).secret;
  apiKey = (await new ApiKeysService(harness.db).create('App', 'ada@example.test')).secret;
});
afterEach(() => harness.close());

const scim = (method: 'GET' | 'POST', url: string, body?: unknown) =>
  harness.app.inject({
    method,
    url: `/scim/v2${url}`,
    headers: { authorization: `Bearer ${scimKey}`, 'content-type': 'application/scim+json' },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
const post = (body: unknown) => scim('POST', '/Users', body);

async function find(filter: string) {
  const response = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
  return (response.json().Resources as { userName: string }[]).map((r) => r.userName);
}

async function created() {
  const response = await harness.app.inject({
    method: 'GET',
    url: '/api/v1/events?limit=100',
    headers: { authorization: `Bearer ${apiKey}` },
  });
  return eventPage
    .parse(response.json())
    .events.filter((e) => e.type === 'user.created')
    .map((e) => (e.data.user as { userName: string }).userName);
}

it('stores every email and the event with the user, and a user without email', async () => {
  const two = oktaUser('two.mails@acme.com', {
    emails: [
      { primary: true, value: 'two.mails@acme.com', type: 'work' },
      { value: 'Home.Mail@Example.org', type: 'home' },
    ],
  });
  expect((await post(two)).statusCode).toBe(201);
  expect((await post(oktaUser('no.mail@acme.com', { emails: [] }))).statusCode).toBe(201);
  expect(await find('emails.value eq "home.mail@example.org"')).toEqual(['two.mails@acme.com']);
  expect(await find('emails[type eq "work" and primary eq true]')).toEqual(['two.mails@acme.com']);
  expect(await find('userName eq "NO.MAIL@acme.com"')).toEqual(['no.mail@acme.com']);
  expect(await created()).toEqual(['two.mails@acme.com', 'no.mail@acme.com']);
});

it('stores nothing for a userName already taken, in another letter case', async () => {
  expect((await post(oktaUser('taken@acme.com'))).statusCode).toBe(201);
  const again = await post(
    oktaUser('TAKEN@acme.com', { emails: [{ value: 'other@acme.com', type: 'work' }] }),
  );
  expect(again.statusCode).toBe(409);
  expect(again.json()).toMatchObject({ status: '409', scimType: 'uniqueness' });
  expect(await find('emails.value eq "other@acme.com"')).toEqual([]);
  expect(await created()).toEqual(['taken@acme.com']);
  expect((await scim('GET', '/Users?startIndex=1&count=10')).json().totalResults).toBe(1);
});
