/** Builds the console when dist is missing or older than its sources, so `npm run demo` just works. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/testing/built-server';

const outputs = ['dist/server/index.js', 'dist/client/index.html'];
const inputs = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'package-lock.json',
  'scripts/build-server.mjs',
  'scripts/compress-assets.mjs',
];

/** Tests and test helpers are not part of the build. */
const skipped = (name: string) =>
  /\.test\.tsx?$/.test(name) || name === 'testing' || name === 'test';

function newestMtime(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(file)) {
    if (!skipped(entry)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  }
  return newest;
}

/** Why a build is needed, or undefined when dist is up to date. */
export function buildNeeded(): string | undefined {
  const built = outputs.map((file) => path.join(projectRoot, file));
  if (built.some((file) => !existsSync(file))) return 'the console is not built yet';
  const builtAt = Math.min(...built.map((file) => statSync(file).mtimeMs));
  const changedAt = Math.max(...inputs.map((file) => newestMtime(path.join(projectRoot, file))));
  return changedAt > builtAt ? 'the sources changed since the last build' : undefined;
}

export function buildIfNeeded(): void {
  const reason = buildNeeded();
  if (!reason) return;
  console.log(`Building the console first (npm run build): ${reason}…`);
  const started = Date.now();
  const result = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error('npm run build failed; see its output above.');
  }
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
