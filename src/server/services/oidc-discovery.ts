/**
 * Reads `{issuer}/.well-known/openid-configuration` and says, in words for the admin, what is wrong
 * with it when something is.
 */

export interface DiscoveredEndpoints {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint: string;
  end_session_endpoint?: string;
  token_endpoint_auth_methods_supported?: string[];
}

export type DiscoveryResult =
  | { ok: true; endpoints: DiscoveredEndpoints }
  | { ok: false; message: string };

const REQUIRED = [
  'authorization_endpoint',
  'token_endpoint',
  'jwks_uri',
  'userinfo_endpoint',
] as const;
const MAX_DOCUMENT_BYTES = 512 * 1024;

export function discoveryUrl(issuer: string): string {
  return `${issuer}/.well-known/openid-configuration`;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${s} second${s === 1 ? '' : 's'}`;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

export async function discover(issuer: string, timeoutMs: number): Promise<DiscoveryResult> {
  const url = discoveryUrl(issuer);
  let text: string;
  try {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location') ?? 'another address';
      return {
        ok: false,
        message: `${url} redirects to ${location}. Enter the Issuer URI exactly as the Okta API page shows it.`,
      };
    }
    if (!response.ok) {
      return {
        ok: false,
        message: `Nothing there: ${url} answered HTTP ${response.status}. Copy the Issuer URI from the Okta API page.`,
      };
    }
    text = await response.text();
  } catch (error) {
    if (isTimeout(error)) {
      return {
        ok: false,
        message: `Timed out: ${url} did not answer within ${seconds(timeoutMs)}.`,
      };
    }
    return {
      ok: false,
      message: `Nothing there: no server answered at ${new URL(url).host}. Check the domain.`,
    };
  }
  if (text.length > MAX_DOCUMENT_BYTES) {
    return {
      ok: false,
      message: `${url} answered with a document too large to be a discovery document.`,
    };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: `Not JSON: ${url} did not answer with an OpenID discovery document.`,
    };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return {
      ok: false,
      message: `Not JSON: ${url} did not answer with an OpenID discovery document.`,
    };
  }
  const record = doc as Record<string, unknown>;
  if (record.issuer !== issuer) {
    return {
      ok: false,
      message: `Issuer mismatch: the provider calls itself "${String(record.issuer)}", but you entered "${issuer}". They must match exactly.`,
    };
  }
  const missing = REQUIRED.filter((key) => typeof record[key] !== 'string' || record[key] === '');
  if (missing.length > 0) {
    return { ok: false, message: `The discovery document at ${url} lacks ${missing.join(', ')}.` };
  }
  const methods = record.token_endpoint_auth_methods_supported;
  return {
    ok: true,
    endpoints: {
      issuer,
      authorization_endpoint: record.authorization_endpoint as string,
      token_endpoint: record.token_endpoint as string,
      jwks_uri: record.jwks_uri as string,
      userinfo_endpoint: record.userinfo_endpoint as string,
      ...(typeof record.end_session_endpoint === 'string'
        ? { end_session_endpoint: record.end_session_endpoint }
        : {}),
      ...(Array.isArray(methods)
        ? { token_endpoint_auth_methods_supported: methods.filter((m) => typeof m === 'string') }
        : {}),
    },
  };
}
