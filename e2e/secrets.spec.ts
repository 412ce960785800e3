import type { Response } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { rememberSecret } from './support/seen-secrets';

test('after saving, no page and no response contains the client secret', async ({
  signedIn,
  page,
  stack,
}) => {
  const secret = stack.okta.clientSecret;
  rememberSecret('incoming Okta client secret', secret);
  const bodies: Promise<{ url: string; body: string }>[] = [];
  let saved = false;
  const collect = (response: Response) => {
    if (!saved) return;
    bodies.push(
      response
        .text()
        .then((body) => ({ url: response.url(), body }))
        .catch(() => ({ url: response.url(), body: '' })),
    );
  };
  page.on('response', collect);

  const dialog = await signedIn.openIncomingKeysDialog();
  await dialog.fill({
    clientId: stack.okta.clientId,
    clientSecret: secret,
    issuerUri: stack.okta.issuer,
  });
  const saveResponse = page.waitForResponse(
    (r) => r.url().endsWith('/api/incoming-keys') && r.request().method() === 'PUT',
  );
  saved = true;
  await dialog.save.click();
  expect((await saveResponse).status()).toBe(200);
  await expect(dialog.root).toBeHidden({ timeout: 10_000 });
  expect(await page.content()).not.toContain(secret);

  await page.reload();
  await expect(signedIn.summaryText(/Client secret: set on/)).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await signedIn.openIncomingKeysDialog();
  expect(await page.content()).not.toContain(secret);

  // Every endpoint the console reads, asked directly as well.
  for (const path of ['/api/incoming-keys', '/api/settings', '/api/session', '/api/openapi.json']) {
    const response = await page.request.get(path);
    expect(await response.text(), path).not.toContain(secret);
  }

  const collected = await Promise.all(bodies);
  expect(collected.some((b) => b.url.endsWith('/api/incoming-keys'))).toBe(true);
  for (const { url, body } of collected) expect(body, url).not.toContain(secret);
});
