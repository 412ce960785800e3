import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { expect, test } from './fixtures/test';
import { WebhooksPage } from './fixtures/webhooks-page';
import { settleAnimations } from './support/animations';
import { axeViolations } from './support/axe';

interface Received {
  body: string;
  headers: Record<string, string>;
}

/** The application's receiver, on loopback: it answers 204 and keeps what it got. */
async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k, String(v)]),
      );
      received.push({ body, headers });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  return { url, received, close: () => new Promise((r) => server.close(r)) };
}

test('an admin adds a webhook, sends a test event and sees it delivered, signed', async ({
  signedIn,
}) => {
  test.setTimeout(90_000);
  const page = signedIn.page;
  const receiver = await startReceiver();
  const hooks = new WebhooksPage(page);
  try {
    await test.step('the Webhooks page; axe finds nothing there or in Add endpoint', async () => {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Webhooks' })
        .click();
      await expect(hooks.heading).toBeVisible();
      await expect(hooks.table).toContainText('No endpoints yet');
      await settleAnimations(page);
      expect(await axeViolations(page), 'axe on the Webhooks page').toEqual([]);
      await hooks.addButton.click();
      const dialog = hooks.dialog('Add endpoint');
      await dialog.getByLabel('Endpoint URL').fill('https://10.1.2.3/hooks');
      await dialog.getByRole('button', { name: 'Add endpoint' }).click();
      await expect(dialog.getByLabel('Endpoint URL')).toHaveAccessibleDescription(
        /private-network address/,
      );
      await settleAnimations(page);
      expect(await axeViolations(page), 'axe on Add endpoint').toEqual([]);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
    });

    let secret = '';
    await test.step('Add endpoint shows the signing secret once', async () => {
      const added = await hooks.add(receiver.url, 'The application');
      secret = added.secret;
      expect(secret).toMatch(/^whsec_/);
      await settleAnimations(page);
      expect(await axeViolations(page), 'axe on the secret').toEqual([]);
      await page.screenshot({ path: 'test-results/webhooks-secret.png' });
      await added.dialog.getByRole('button', { name: 'Done' }).click();
      await expect(added.dialog).toBeHidden();
      await expect(hooks.row(receiver.url)).toContainText('Enabled');
      await page.reload();
      await expect(hooks.table).toBeVisible();
      expect(await page.content()).not.toContain(secret.slice(6));
    });

    await test.step('Send test event: the log shows it delivered, and it verifies', async () => {
      await hooks
        .row(receiver.url)
        .getByRole('button', { name: `Deliveries of ${receiver.url}` })
        .click();
      const log = hooks.dialog(`Deliveries to ${receiver.url}`);
      await log.getByRole('button', { name: 'Send test event' }).click();
      const row = log
        .getByRole('table', { name: 'Delivery log' })
        .getByRole('row')
        .filter({ hasText: 'webhook.test' });
      await expect(row).toContainText('Delivered', { timeout: 15_000 });
      await expect(row).toContainText('204');
      // The log is paged on the server: one delivery so far.
      await expect(log.getByText('1–1 of 1')).toBeVisible();
      await expect(log.getByRole('button', { name: 'Go to next page' })).toBeDisabled();
      await settleAnimations(page);
      expect(await axeViolations(page), 'axe on the delivery log').toEqual([]);
      await page.screenshot({ path: 'test-results/webhooks-log.png' });
      const got = receiver.received.at(-1) as Received;
      const event = new Webhook(secret).verify(got.body, got.headers) as {
        type: string;
        id: string;
      };
      expect(event.type).toBe('webhook.test');
      expect(event.id).toBe(got.headers['webhook-id']);
      await log.getByRole('button', { name: 'Close' }).click();
      await expect(log).toBeHidden();
    });

    await test.step('Remove asks first; axe finds nothing in it', async () => {
      await hooks
        .row(receiver.url)
        .getByRole('button', { name: `Remove ${receiver.url}` })
        .click();
      const dialog = hooks.dialog('Remove endpoint?');
      await settleAnimations(page);
      expect(await axeViolations(page), 'axe on Remove endpoint?').toEqual([]);
      await dialog.getByRole('button', { name: 'Remove' }).click();
      await expect(dialog).toBeHidden();
      await expect(hooks.table).toContainText('No endpoints yet');
    });
  } finally {
    await receiver.close();
  }
});
