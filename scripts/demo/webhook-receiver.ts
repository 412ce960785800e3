/**
 * A webhook receiver for the demo (and the bench): it verifies each delivery with the
 * standardwebhooks package when it knows the endpoint's secret, keeps the events it received and
 * lists them at GET / (HTML) and GET /events (JSON). Run alone:
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
  id: string;
  type: string;
  timestamp: string;
  verified: boolean | null;
  data: unknown;
}

export interface DemoReceiver {
  url: string;
  events: ReceivedEvent[];
  /** Deliveries answered 2xx, duplicates (same webhook-id) included. */
  count: number;
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
    .slice(-200)
    .reverse()
    .map(
      (e) =>
        `<tr><td>${escapeHtml(e.timestamp)}</td><td>${escapeHtml(e.type)}</td><td>${e.verified === null ? 'no secret' : e.verified ? 'verified' : 'BAD SIGNATURE'}</td><td><code>${escapeHtml(JSON.stringify(e.data))}</code></td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Webhooks received</title>
<h1>Webhooks received (${events.length})</h1><table><thead><tr><th>When</th><th>Type</th>
<th>Signature</th><th>Data</th></tr></thead><tbody>${rows}</tbody></table></html>`;
}

export async function startDemoReceiver(
  options: { port?: number; secret?: string; quiet?: boolean } = {},
): Promise<DemoReceiver> {
  let webhook = options.secret ? new Webhook(options.secret) : undefined;
  const seen = new Set<string>();
  const receiver: DemoReceiver = {
    url: '',
    events: [],
    count: 0,
    setSecret: (secret) => {
      webhook = new Webhook(secret);
    },
    close: async () => undefined,
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (request.method === 'GET') {
        const json = request.url?.startsWith('/events');
        response.writeHead(200, { 'content-type': json ? 'application/json' : 'text/html' });
        response.end(
          json
            ? JSON.stringify({ count: receiver.count, events: receiver.events })
            : page(receiver.events),
        );
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k, String(v)]),
      );
      let verified: boolean | null = null;
      let event: { id?: string; type?: string; timestamp?: string; data?: unknown } = {};
      try {
        event = webhook ? (webhook.verify(body, headers) as typeof event) : JSON.parse(body);
        verified = webhook ? true : null;
      } catch {
        verified = false;
      }
      if (verified === false) {
        response.writeHead(400).end('bad signature');
        return;
      }
      receiver.count++;
      const id = headers['webhook-id'] ?? '';
      if (!seen.has(id)) {
        seen.add(id);
        const received = {
          id,
          type: event.type ?? '?',
          timestamp: event.timestamp ?? '',
          verified,
          data: event.data,
        };
        receiver.events.push(received);
        if (receiver.events.length > 5000) receiver.events.shift();
        if (!options.quiet)
          console.log(`webhook ${received.type} ${JSON.stringify(received.data)}`);
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
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
