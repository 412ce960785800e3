import type { DiscoveredEndpoints } from './oidc-discovery';

export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post';

export type ClientCheckResult =
  | { ok: true; method: TokenEndpointAuthMethod }
  | { ok: false; field: 'clientId' | 'clientSecret' | 'issuerUri' | undefined; message: string };

/** client_secret_basic, Okta's default for web apps; client_secret_post only when it is all there is. */
export function chooseAuthMethod(
  endpoints: DiscoveredEndpoints,
): TokenEndpointAuthMethod | undefined {
  const supported = endpoints.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  if (supported.includes('client_secret_basic')) return 'client_secret_basic';
  if (supported.includes('client_secret_post')) return 'client_secret_post';
  return undefined;
}

const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');

/**
 * Proves the Client ID and Client secret pair against the token endpoint without a user: an
 * authorization_code grant with a made-up code answers `invalid_grant` when the pair is right and
 * `invalid_client` when it is wrong.
 */
export async function checkClientCredentials(
  endpoints: DiscoveredEndpoints,
  clientId: string,
  clientSecret: string,
  redirectUri: string,
  timeoutMs: number,
): Promise<ClientCheckResult> {
  const method = chooseAuthMethod(endpoints);
  if (!method) {
    return {
      ok: false,
      field: 'issuerUri',
      message:
        'This provider accepts neither client_secret_basic nor client_secret_post at its token endpoint.',
    };
  }
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: 'okta-sso-console-credential-check',
    redirect_uri: redirectUri,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  if (method === 'client_secret_basic') {
    headers.authorization = `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString('base64')}`;
  } else {
    form.set('client_id', clientId);
    form.set('client_secret', clientSecret);
  }
  let status: number;
  let error: unknown;
  try {
    const response = await fetch(endpoints.token_endpoint, {
      method: 'POST',
      headers,
      body: form,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    error = ((await response.json().catch(() => ({}))) as { error?: unknown }).error;
  } catch {
    return {
      ok: false,
      field: undefined,
      message: `The token endpoint ${endpoints.token_endpoint} did not answer, so the Client ID and Client secret could not be checked. Try again.`,
    };
  }
  if (error === 'invalid_grant') return { ok: true, method };
  if (error === 'invalid_client') {
    return {
      ok: false,
      field: 'clientSecret',
      message:
        "Okta refused this Client ID and Client secret (invalid_client). Copy both again from the application's General tab.",
    };
  }
  if (error === 'unauthorized_client') {
    return {
      ok: false,
      field: 'clientId',
      message:
        'This application may not use the Authorization Code grant (unauthorized_client). In Okta, allow that grant type.',
    };
  }
  return {
    ok: false,
    field: undefined,
    message: `The token endpoint answered HTTP ${status}${typeof error === 'string' && /^[\w.-]{1,64}$/.test(error) ? ` (${error})` : ''}, so the keys could not be verified.`,
  };
}
