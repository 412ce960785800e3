/**
 * The fuzzer: generated admin API and SCIM requests against a real server. Every answer must be
 * below 500, carry the security headers, keep its error shape (the API's `{code, message}`, SCIM's
 * Error) and leak no stack trace or path. `npm run fuzz` and a small test in `npm test` run it.
 */
import http from 'node:http';
import fc from 'fast-check';
import { apiRequests } from './api-requests';
import { problems, summarise } from './checks';
import type { FuzzRequest } from './request';
import { scimRequests } from './scim-requests';
import { type Answer, IdPool, send } from './send';
import { FUZZ_ADMIN, type FuzzServer, startFuzzServer } from './server';

export interface FuzzOptions {
  runs: number;
  seed: number;
  /** Requests in flight at once. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface FuzzFailure {
  reason: string;
  label: string;
  request: string;
  status: number;
  excerpt: string;
}

export interface FuzzReport {
  seed: number;
  runs: number;
  /** Answers per status class (`2xx` … `5xx`). */
  counts: Record<string, number>;
  /** Answers per endpoint or SCIM route and status class, to see what the run reached. */
  byTarget: Record<string, Record<string, number>>;
  failures: FuzzFailure[];
  ms: number;
}

/**
 * Half admin API, half SCIM. The admin's real email and password and the Okta stand-in's keys
 * turn up now and then, so sign-in and Save succeed too.
 */
export function fuzzRequests(server: FuzzServer): fc.Arbitrary<FuzzRequest> {
  const known = {
    email: [FUZZ_ADMIN.email],
    password: [FUZZ_ADMIN.password],
    clientId: [server.okta.clientId],
    clientSecret: [server.okta.clientSecret],
    issuerUri: [server.okta.issuer],
  };
  return fc.oneof(apiRequests(known), scimRequests());
}

/** Adjusts the fuzzer's own state after an answer: new ids, a new session, a new key. */
async function follow(server: FuzzServer, ids: IdPool, request: FuzzRequest, answer: Answer) {
  if (answer.status === 201 && request.url.startsWith('/scim/v2/')) {
    try {
      const id = (JSON.parse(answer.body) as { id?: unknown }).id;
      if (typeof id === 'string')
        ids.add(request.url.startsWith('/scim/v2/Users') ? 'user' : 'group', id);
    } catch {
      // not JSON: nothing to remember
    }
  }
  if (answer.status === 204 && request.method === 'DELETE' && request.url.startsWith('/scim/v2/')) {
    ids.remove(answer.url.split('/').pop() ?? '');
  }
  if (request.url.startsWith('/api/session') && request.method === 'DELETE')
    await server.renewSession();
  if (request.url.startsWith('/api/access-keys/') && answer.status === 204)
    await server.renewKeyIfRevoked();
}

/** Counts answers and collects problems as the run goes. */
class Tally {
  readonly counts: Record<string, number> = {};
  readonly byTarget: Record<string, Record<string, number>> = {};
  readonly failures: FuzzFailure[] = [];
  done = 0;

  answered(request: FuzzRequest, answer: Answer, dataDir: string) {
    const cls = `${Math.floor(answer.status / 100)}xx`;
    this.counts[cls] = (this.counts[cls] ?? 0) + 1;
    const target = request.label.split(': ')[0] as string;
    const classes = this.byTarget[target] ?? {};
    classes[cls] = (classes[cls] ?? 0) + 1;
    this.byTarget[target] = classes;
    for (const reason of problems(request, answer, dataDir)) {
      this.fail(reason, request, answer.status, answer.body.slice(0, 300));
    }
  }

  /** The server may close on an oversized body before reading it all; anything else fails. */
  closed(request: FuzzRequest, error: unknown) {
    this.counts.closed = (this.counts.closed ?? 0) + 1;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    // A HEAD answered before routing (431) carries a body the client cannot parse.
    const headParse = request.method === 'HEAD' && code.startsWith('HPE_');
    if (!['ECONNRESET', 'EPIPE'].includes(code) && !headParse) {
      this.fail(`connection failed: ${code}`, request, 0, '');
    }
  }

  fail(reason: string, request: FuzzRequest | undefined, status: number, excerpt: string) {
    this.failures.push({
      reason,
      label: request?.label ?? 'server log',
      request: request ? summarise(request) : '',
      status,
      excerpt,
    });
  }
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const server = await startFuzzServer();
  const agent = new http.Agent({ keepAlive: true });
  const ids = new IdPool();
  const tally = new Tally();
  const arbitrary = fuzzRequests(server);
  const batch = 250;
  try {
    for (let b = 0; tally.done < options.runs; b++) {
      const requests = fc.sample(arbitrary, {
        seed: options.seed + b,
        numRuns: Math.min(batch, options.runs - tally.done),
      });
      const worker = async () => {
        for (let request = requests.shift(); request; request = requests.shift()) {
          try {
            const answer = await send(server, ids, request, agent);
            tally.answered(request, answer, server.dataDir);
            await follow(server, ids, request, answer);
          } catch (error) {
            tally.closed(request, error);
          } finally {
            tally.done++;
          }
        }
      };
      await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
      options.onProgress?.(tally.done, options.runs);
    }
    for (const line of server.logText().split('\n')) {
      if (/"level":(?:50|60)/.test(line))
        tally.fail('error logged', undefined, 0, line.slice(0, 600));
    }
  } finally {
    agent.destroy();
    await server.close();
  }
  const { counts, byTarget, failures, done } = tally;
  return { seed: options.seed, runs: done, counts, byTarget, failures, ms: Date.now() - started };
}
