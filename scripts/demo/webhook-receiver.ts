/**
 * A webhook receiver for the demo's sample app (and the bench): a {@link WebhookInbox} verifies
 * each delivery with the standardwebhooks package (`new Webhook(secret).verify(body, headers)` on
 * the raw body) and keeps the last events it received. The sample app mounts it at POST /webhooks;
 * run alone it lists them at GET / (HTML) and GET /events (JSON):
 *
 *   node --import tsx scripts/demo/webhook-receiver.ts [--port 3002] [--secret whsec_...] [--quiet]
 *
 * then add http://127.0.0.1:3002/webhooks on the console's Webhooks page (with
 * ALLOW_HTTP_LOOPBACK_ISSUER=1), and restart it with --secret to verify signatures.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedEvent {
  /** The `webhook-id` header: the event's id, the same on every retry. */
  id: string;
  type: string;
  /** The event's own timestamp. */
  timestamp: string;
  /** When this receiver got it. */
  receivedAt: string;
  /** true: the signature verified; null: no secret to verify with (standalone receiver only). */
  verified: boolean | null;
  data: unknown;
}

export interface InboxOptions {
  secret?: string;
  /** Without a secret, refuse deliveries (503, so the console retries) instead of keeping them unverified. */
  requireSecret?: boolean;
  /** How many events are kept (the oldest go first). */
  keep?: number;
  /** Called with each new event (not with a retry of one already kept). */
  onEvent?: (event: ReceivedEvent) => void;
}

/** The answer to one delivery: 204 kept, 401 bad signature, 503 no secret yet. */
export interface InboxAnswer {
  status: 204 | 401 | 503;
  text: string;
}

type Headers = Record<string, string | string[] | undefined>;

export class WebhookInbox {
  private webhook: Webhook | undefined;
  private readonly seen = new Set<string>();
  readonly events: ReceivedEvent[] = [];
  /** Deliveries answered 2xx, duplicates (same webhook-id) included. */
  count = 0;

  constructor(private readonly options: InboxOptions = {}) {
    if (options.secret) this.setSecret(options.secret);
  }

  /** Throws on a secret that is not `whsec_` base64 (the Webhook constructor's check). */
  setSecret(secret: string) {
    this.webhook = new Webhook(secret.trim());
  }

  get hasSecret() {
    return this.webhook !== undefined;
  }

  receive(body: string, rawHeaders: Headers): InboxAnswer {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawHeaders)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
    if (!this.webhook && this.options.requireSecret) {
      return { status: 503, text: 'no signing secret yet: paste it on the /events page' };
    }
    let event: { type?: string; timestamp?: string; data?: unknown };
    try {
      event = (
        this.webhook ? this.webhook.verify(body, headers) : JSON.parse(body)
      ) as typeof event;
    } catch {
      return { status: 401, text: 'bad signature' };
    }
    this.count++;
    const id = headers['webhook-id'] ?? '';
    if (!this.seen.has(id)) {
      this.seen.add(id);
      const received: ReceivedEvent = {
        id,
        type: String(event.type ?? '?'),
        timestamp: String(event.timestamp ?? ''),
        receivedAt: new Date().toISOString(),
        verified: this.webhook ? true : null,
        data: event.data,
      };
      this.events.push(received);
      const keep = this.options.keep ?? 200;
      while (this.events.length > keep) {
        const old = this.events.shift();
        if (old) this.seen.delete(old.id);
      }
      this.options.onEvent?.(received);
    }
    return { status: 204, text: '' };
  }
}

/** Reads a request's raw body (the signature covers these exact bytes). */
export function readBody(request: http.IncomingMessage, limit = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        request.destroy();
      } else chunks.push(c);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export interface DemoReceiver {
  url: string;
  events: ReceivedEvent[];
  /** Deliveries answered 2xx, duplicates (same webhook-id) included. */
  readonly count: number;
  setSecret(secret: string): void;
  close(): Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

function page(events: ReceivedEvent[]): string {
  const rows = events
    .slice()
    .reverse()
    .map(
      (e) =>
        `<tr><td>${escapeHtml(e.timestamp)}</td><td>${escapeHtml(e.type)}</td><td>${e.verified === null ? 'no secret' : 'verified'}</td><td><code>${escapeHtml(JSON.stringify(e.data))}</code></td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Webhooks received</title>
<h1>Webhooks received (${events.length})</h1><table><thead><tr><th>When</th><th>Type</th>
<th>Signature</th><th>Data</th></tr></thead><tbody>${rows}</tbody></table></html>`;
}

export async function startDemoReceiver(
  options: { port?: number; secret?: string; quiet?: boolean } = {},
): Promise<DemoReceiver> {
  const inbox = new WebhookInbox({
    ...(options.secret ? { secret: options.secret } : {}),
    keep: 5000,
    onEvent: options.quiet
      ? undefined
      : (e) => console.log(`webhook ${e.type} ${JSON.stringify(e.data)}`),
  });
  const server = http.createServer((request, response) => {
    readBody(request).then(
      (body) => {
        if (request.method === 'GET') {
          const json = request.url?.startsWith('/events');
          response.writeHead(200, { 'content-type': json ? 'application/json' : 'text/html' });
          response.end(
            json
              ? JSON.stringify({ count: inbox.count, events: inbox.events })
              : page(inbox.events),
          );
          return;
        }
        const answer = inbox.receive(body, request.headers);
        response.writeHead(answer.status).end(answer.text);
      },
      () => response.writeHead(413).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    events: inbox.events,
    get count() {
      return inbox.count;
    },
    setSecret: (secret) => inbox.setSecret(secret),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const receiver = await startDemoReceiver({
    port: Number(arg('port') ?? 3002),
    ...(arg('secret') ? { secret: arg('secret') as string } : {}),
    quiet: process.argv.includes('--quiet'),
  });
  console.log(`listening ${receiver.url}`);
}
