import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type GuardOptions, type Resolver, resolveChecked } from './address-guard';

export interface SendResult {
  /** The receiver's status; null when it never answered. */
  status: number | null;
  durationMs: number;
  /** The start of the answer, control characters and anything key-like removed. */
  response: string | null;
  error: string | null;
  ok: boolean;
}

const SNIPPET = 300;

/**
 * Kept-alive connections, one pool per receiver and checked address: a pooled socket is always
 * to the address that was checked for this request. A bounded set; the oldest pool is dropped.
 */
const agents = new Map<string, http.Agent>();
function agentFor(target: URL, address: string): http.Agent {
  const key = `${target.protocol}//${target.host}|${address}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, maxSockets: 16, keepAliveMsecs: 10_000 };
    agent = target.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
    if (agents.size > 200) {
      const [oldest, pool] = agents.entries().next().value as [string, http.Agent];
      pool.destroy();
      agents.delete(oldest);
    }
  }
  return agent;
}

/** Printable characters only (tabs and newlines kept), then anything key-like masked. */
export function snippet(text: string): string {
  let clean = '';
  for (const ch of text.slice(0, SNIPPET * 2)) {
    const code = ch.codePointAt(0) ?? 0;
    clean += code < 32 && ch !== '\n' && ch !== '\t' ? ' ' : code === 127 ? ' ' : ch;
  }
  return clean.replace(/(whsec_|osc_[a-z]+_)[A-Za-z0-9+/=_-]+/g, '$1…').slice(0, SNIPPET);
}

/**
 * POSTs one signed delivery. The host is resolved and checked first and the socket connects to
 * that address (pinned through `lookup`); a 3xx is a failure (never followed); the whole exchange
 * is cut at `timeoutMs`, so a slow receiver only ever holds its own delivery.
 */
export async function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: GuardOptions & { resolver: Resolver; timeoutMs: number },
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: string, status: number | null = null, response: string | null = null) => ({
    status,
    durationMs: elapsed(),
    response,
    error,
    ok: false,
  });
  const target = new URL(url);
  let pinned: { address: string; family: 4 | 6 };
  try {
    pinned = await resolveChecked(target.hostname, options.resolver, options);
  } catch (error) {
    return failed((error as Error).message);
  }
  const lookup: LookupFunction = (_host, lookupOptions, callback) => {
    const cb = callback as (...args: unknown[]) => void;
    if ((lookupOptions as { all?: boolean }).all) cb(null, [pinned]);
    else cb(null, pinned.address, pinned.family);
  };
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<SendResult>((resolve) => {
    let done = false;
    const finish = (result: SendResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      {
        method: 'POST',
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'okta-sso-console-webhooks/1',
        },
        lookup,
        agent: agentFor(target, pinned.address),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (text.length < SNIPPET) text += chunk;
          else response.destroy();
        });
        const settle = () => {
          const shown = snippet(text);
          if (status >= 200 && status < 300) {
            finish({ status, durationMs: elapsed(), response: shown, error: null, ok: true });
          } else if (status >= 300 && status < 400) {
            finish(
              failed(
                'The receiver answered a redirect: redirects are not followed.',
                status,
                shown,
              ),
            );
          } else finish(failed(`The receiver answered ${status}.`, status, shown));
        };
        response.on('end', settle);
        response.on('close', settle);
        response.on('error', settle);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish(failed(`No answer within ${Math.round(options.timeoutMs / 1000)} s.`));
    }, options.timeoutMs);
    request.on('error', (error) =>
      finish(failed(`Could not deliver: ${error.message.slice(0, 120)}.`)),
    );
    request.end(body);
  });
}
