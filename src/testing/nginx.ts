/**
 * Debian's nginx on loopback for the forward-auth spec and `npm run demo`: the README's nginx
 * snippet, its addresses replaced, in a temporary prefix (pid, logs, temp paths), run as `nobody`
 * when started as root, never as root itself. And the page behind it, which greets whoever nginx
 * says signed in.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { projectRoot, stopProcess } from './built-server';

export const NGINX = '/usr/sbin/nginx';

/** The first ```nginx block of the README's "Forward-auth (nginx, Traefik, Caddy)" section. */
export function readmeNginxSnippet(): string {
  const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
  const section = readme.split('### Forward-auth (nginx, Traefik, Caddy)')[1] ?? '';
  const block = /```nginx\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no nginx snippet under "Forward-auth"');
  return block;
}

/** The application behind nginx: "Hello <email> — <licence>", from the X-Auth-Request-* headers. */
export function startHeadersPage(port = 0): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const h = (name: string) => String(req.headers[name] ?? '').replace(/[<&]/g, '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>Sample app</title></head><body><main>
<h1>Hello ${h('x-auth-request-email')} — ${h('x-auth-request-licence')}</h1>
<p>Page: ${req.url?.replace(/[<&]/g, '')}</p>
<p>User id: <span data-testid="user">${h('x-auth-request-user')}</span></p>
<p>Groups: <span data-testid="groups">${h('x-auth-request-groups')}</span></p>
</main></body></html>`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

export interface Nginx {
  baseUrl: string;
  /** The uid the nginx master process runs as (from /proc). */
  uid(): number;
  errorLog(): string;
  stop(): Promise<void>;
}

export async function startNginx(options: {
  port: number;
  consolePort: number;
  appPort: number;
}): Promise<Nginx> {
  if (!existsSync(NGINX)) {
    throw new Error(
      `${NGINX} is missing: install Debian's nginx (apt-get install -y nginx); .ci/run does.`,
    );
  }
  let server = readmeNginxSnippet();
  for (const [from, to] of [
    ['server 127.0.0.1:3000;', `server 127.0.0.1:${options.consolePort};`],
    ['server 127.0.0.1:8080;', `server 127.0.0.1:${options.appPort};`],
    ['listen 80;', `listen 127.0.0.1:${options.port};`],
  ] as const) {
    if (!server.includes(from)) throw new Error(`the README's nginx snippet has no "${from}"`);
    server = server.replace(from, to);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'okta-sso-console-nginx-'));
  const file = (name: string) => path.join(dir, name);
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    await mkdir(file(sub));
  }
  await writeFile(
    file('nginx.conf'),
    `daemon off;
worker_processes 1;
pid ${file('nginx.pid')};
error_log ${file('error.log')} info;
events { worker_connections 64; }
http {
  access_log ${file('access.log')};
  client_body_temp_path ${file('client_body')};
  proxy_temp_path ${file('proxy')};
  fastcgi_temp_path ${file('fastcgi')};
  uwsgi_temp_path ${file('uwsgi')};
  scgi_temp_path ${file('scgi')};
${server}
}
`,
  );
  const root = process.getuid?.() === 0;
  if (root) {
    // nobody must write its pid, logs and temp files: the prefix is theirs alone.
    await chmod(dir, 0o755);
    const chown = spawn('chown', ['-R', 'nobody:nogroup', dir]);
    await new Promise((resolve) => chown.once('exit', resolve));
  }
  const args = ['-p', dir, '-e', file('error.log'), '-c', file('nginx.conf')];
  // nginx does not notice its parent going (a demo killed with SIGKILL): a shell holds the end
  // of a pipe from this process and stops nginx when it closes, and exits when nginx does.
  const watch = [
    '-c',
    'exec 3<&0; "$0" "$@" </dev/null 3<&- & n=$!; (read _ <&3; kill $n) & wait $n',
  ];
  const child: ChildProcess = root
    ? spawn('runuser', ['-u', 'nobody', '--', 'sh', ...watch, NGINX, ...args], { stdio: 'pipe' })
    : spawn('sh', [...watch, NGINX, ...args], { stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const errorLog = () =>
    existsSync(file('error.log')) ? readFileSync(file('error.log'), 'utf8') : '';
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    // runuser may not pass SIGTERM on: stop the nginx master by its pid as well.
    const pid = Number(existsSync(file('nginx.pid')) ? readFileSync(file('nginx.pid'), 'utf8') : 0);
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    child.stdin?.end();
    await stopProcess(child);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`nginx exited with ${child.exitCode}: ${output}\n${errorLog()}`);
    }
    try {
      await fetch(`${baseUrl}/auth/`, { redirect: 'manual' });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`nginx did not listen on ${baseUrl}: ${output}\n${errorLog()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const uid = () => {
    const pid = readFileSync(file('nginx.pid'), 'utf8').trim();
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? -1);
  };
  return { baseUrl, uid, errorLog, stop };
}
