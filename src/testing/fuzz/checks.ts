/** The rules every fuzzed answer must keep, and how a failing request is shown. */
import { apiErrorSchema } from '../../shared/api/errors';
import { scimErrorSchema } from '../../shared/scim/errors';
import { findLeaks } from './leaks';
import { describePayload } from './payload';
import type { FuzzRequest } from './request';
import type { Answer } from './send';

export function summarise(request: FuzzRequest): string {
  const auth = 'api' in request.auth ? request.auth.api : request.auth.scim;
  return `${request.method} ${request.url.slice(0, 300)} [${auth}] ${JSON.stringify(request.headers)} ${describePayload(request.payload)}`;
}

/** What is wrong with an answer: a 5xx, a leak, missing headers, an error out of shape. */
export function problems(request: FuzzRequest, answer: Answer, dataDir: string): string[] {
  const out: string[] = [];
  if (answer.status >= 500) out.push(`answered ${answer.status}`);
  if (answer.headers['x-content-type-options'] !== 'nosniff') out.push('no security headers');
  const requestText = `${request.url} ${describePayload(request.payload)}`;
  for (const leak of findLeaks(answer.body, requestText, dataDir)) {
    out.push(`leaks a ${leak.pattern}: …${leak.excerpt}…`);
  }
  if (answer.status >= 400 && request.method !== 'HEAD' && answer.body !== '') {
    const scim = request.url.startsWith('/scim/v2');
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      parsed = undefined;
    }
    const schema = scim ? scimErrorSchema : apiErrorSchema;
    // The sign-in page's own form post is answered with that page (routes/sign-in-form.ts).
    const signInForm =
      request.method === 'POST' &&
      /^\/api\/session(?:\?|$)/.test(request.url) &&
      /^application\/x-www-form-urlencoded/.test(String(request.headers['content-type'] ?? ''));
    const isPage = !scim && (/^\/(?:auth|me|sign-in)\b/.test(request.url) || signInForm);
    if (!isPage && !schema.safeParse(parsed).success) {
      out.push(`error not in the ${scim ? 'SCIM Error' : 'API error'} shape`);
    }
  }
  return out;
}
