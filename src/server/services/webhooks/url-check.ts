import { invalidField } from '../errors';
import { AddressRefused, type GuardOptions, type Resolver, resolveChecked } from './address-guard';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks an endpoint URL before it is stored: https (http only to loopback, and only with
 * ALLOW_HTTP_LOOPBACK_ISSUER), no credentials, and every address the host resolves to allowed.
 * Deliveries check again at each attempt: DNS answers change.
 */
export async function checkWebhookUrl(
  raw: string,
  options: GuardOptions & { resolver: Resolver },
): Promise<string> {
  const refuse = (message: string) => invalidField('url', message);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('Enter a URL such as https://app.example.com/webhooks/okta.');
  }
  const host = url.hostname.toLowerCase();
  const loopbackName = LOOPBACK_NAMES.has(host) || /^127\./.test(host);
  if (url.protocol === 'http:') {
    if (!loopbackName || !options.allowLoopback) {
      throw refuse(
        'Use https://. Plain http is accepted only for loopback receivers in tests and demos (ALLOW_HTTP_LOOPBACK_ISSUER=1).',
      );
    }
  } else if (url.protocol !== 'https:') {
    throw refuse('Use an https:// URL.');
  }
  if (url.username || url.password) {
    throw refuse('Remove the user name and password from the URL: deliveries are signed instead.');
  }
  if (url.hash) throw refuse('Remove the #fragment: it is never sent.');
  const name = host === 'localhost' ? '127.0.0.1' : host;
  try {
    await resolveChecked(name, options.resolver, options);
  } catch (error) {
    if (error instanceof AddressRefused) throw refuse(error.message);
    throw error;
  }
  return url.toString();
}
