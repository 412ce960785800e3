/**
 * `npm run bench:web`: builds, prints what the browser downloads for the first paint (raw, gzip,
 * brotli), then runs Lighthouse 12 (mobile defaults) in Debian's Chromium on every page of
 * scripts/bench/pages.ts (sign-in, the main page empty and configured, Users with 100,000 people,
 * a person, Activity, Administrators), served by the built server, and prints one table: score,
 * accessibility, LCP, TBT and script KB transferred per page. Exits non-zero when the entry or a
 * page's first load exceeds 200 KB gzip.
 *
 *   npm run bench:web -- --runs 5    Lighthouse runs per page; the median by performance is shown
 *   npm run bench:web -- --no-build  measure the existing dist/
 *   npm run bench:web -- --report-dir .tmp/lighthouse   also write each median run's JSON report
 *   npm run bench:web -- --users 1000   fewer people in the configured console (default 100,000)
 *   npm run bench:web -- --pages main,users   only these pages (their slugs in bench/pages.ts)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import { startStack } from '../e2e/support/stack';
import { BENCH_PAGES } from './bench/pages';
import { benchDataDir, type SeededConsole, seedConfiguredConsole } from './bench/seed-console';
import {
  BUDGET_GZIP,
  clientDir,
  entryAssets,
  kb,
  MIN_PERFORMANCE,
  printTable,
  SIGN_IN_SCRIPT_BUDGET,
  type Sizes,
  sizesOf,
  sum,
} from './bench-sizes';

const root = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'no-build': { type: 'boolean' },
    'report-dir': { type: 'string' },
    users: { type: 'string', default: '100000' },
    pages: { type: 'string' },
  },
});
const users = Math.max(1, Number(args.users) || 100_000);
const runs = Math.max(1, Number(args.runs) || 1);

if (!args['no-build']) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const entry = entryAssets();
const entryTotal = sum(entry.map(sizesOf));
console.log('\nInitial load named by index.html (entry script, modulepreloads, stylesheets):');
printTable(entry);
const lazy = readdirSync(path.join(clientDir, 'assets'))
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => `assets/${f}`)
  .filter((f) => !entry.includes(f));
console.log('\nLazy chunks (loaded by routes and dialogs when needed):');
printTable(lazy);

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const metrics = {
  FCP: 'first-contentful-paint',
  LCP: 'largest-contentful-paint',
  TBT: 'total-blocking-time',
  CLS: 'cumulative-layout-shift',
} as const;

interface PageResult {
  name: string;
  lhr: Result;
  scores: number[];
  firstLoad: Sizes;
}

/** The JavaScript and CSS the page requested during the Lighthouse load, sized from dist/. */
function firstLoadOf(lhr: Result, origin: string): Sizes {
  const assets = networkItems(lhr)
    .filter((i) => i.url.startsWith(`${origin}/assets/`) && /\.(js|css)$/.test(i.url))
    .map((i) => new URL(i.url).pathname.slice(1));
  return sum([...new Set(assets)].map(sizesOf));
}

function networkItems(lhr: Result) {
  const details = lhr.audits['network-requests']?.details as
    | { items: { url: string; resourceType?: string; transferSize?: number }[] }
    | undefined;
  return details?.items ?? [];
}

/** Script bytes over the wire (compressed, headers included), as Lighthouse counted them. */
const scriptTransferred = (lhr: Result) =>
  networkItems(lhr)
    .filter((i) => i.resourceType === 'Script')
    .reduce((total, i) => total + (i.transferSize ?? 0), 0);

/**
 * One Lighthouse run; a run that failed to record (NO_NAVSTART and the like, which a machine
 * this busy produces now and then) is tried again, twice at most.
 */
async function measure(url: string, cookie: string, attempt = 1): Promise<Result> {
  const result = await lighthouse(url, {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...categories],
    extraHeaders: cookie ? { Cookie: cookie } : {},
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (result.lhr.runtimeError) {
    if (attempt < 3) return measure(url, cookie, attempt + 1);
    throw new Error(result.lhr.runtimeError.message);
  }
  if (result.lhr.finalDisplayedUrl !== url) {
    throw new Error(`${url} ended at ${result.lhr.finalDisplayedUrl}: not the page meant`);
  }
  return result.lhr;
}

// As in production: no Okta stand-in needed, and no loopback-issuer warning on the page.
const stack = await startStack({ okta: false, allowHttpLoopbackIssuer: false });
const chrome = await chromeLauncher.launch({
  chromePath: chromiumPath,
  chromeFlags: ['--headless=new', ...chromiumArgs],
});
const load = os.loadavg().map((l) => l.toFixed(2));
const results: PageResult[] = [];
try {
  const signIn = await fetch(`${stack.baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(stack.admin),
  });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  let seeded: SeededConsole | undefined;
  const only = args.pages?.split(',');
  const unknown = only?.filter((slug) => !BENCH_PAGES.some((p) => p.slug === slug)) ?? [];
  if (unknown.length) throw new Error(`no such page: ${unknown.join(', ')}`);
  for (const page of BENCH_PAGES.filter((p) => !only || only.includes(p.slug))) {
    if (page.state === 'configured' && !seeded) {
      const started = performance.now();
      seeded = await seedConfiguredConsole(
        stack.baseUrl,
        benchDataDir(stack.tempDir),
        stack.admin,
        users,
      );
      console.log(
        `\nseeded a configured console with ${users} people in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const url = `${stack.baseUrl}${typeof page.path === 'string' ? page.path : page.path(seeded as SeededConsole)}`;
    const lhrs: Result[] = [];
    for (let i = 0; i < runs; i += 1) lhrs.push(await measure(url, page.signedIn ? cookie : ''));
    lhrs.sort(
      (a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0),
    );
    const median = lhrs[Math.floor(lhrs.length / 2)] as Result;
    const scores = lhrs.map((l) => Math.round((l.categories.performance?.score ?? 0) * 100));
    console.log(`${page.name}: performance over ${runs} run(s): ${scores.join(', ')}`);
    if (args['report-dir']) {
      mkdirSync(args['report-dir'], { recursive: true });
      writeFileSync(
        path.join(args['report-dir'], `${page.slug}.json`),
        JSON.stringify(median, null, 2),
      );
    }
    results.push({
      name: page.name,
      lhr: median,
      scores,
      firstLoad: firstLoadOf(median, stack.baseUrl),
    });
  }
} finally {
  chrome.kill();
  await stack.close();
}

const score = (lhr: Result, id: (typeof categories)[number]) =>
  String(Math.round((lhr.categories[id]?.score ?? 0) * 100));
const ms = (lhr: Result, id: string) => `${Math.round(lhr.audits[id]?.numericValue ?? 0)} ms`;
const rows = results.map(({ name, lhr, scores }) => [
  name,
  score(lhr, 'performance'),
  score(lhr, 'accessibility'),
  ms(lhr, metrics.LCP),
  ms(lhr, metrics.TBT),
  ms(lhr, metrics.FCP),
  (scriptTransferred(lhr) / 1024).toFixed(1),
  scores.join(' '),
]);
const header = ['page', 'perf', 'a11y', 'LCP', 'TBT', 'FCP', 'script KB', 'perf runs'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
console.log(
  `\nLighthouse ${results[0]?.lhr.lighthouseVersion} (mobile, simulated throttling), median of ${runs} run(s) by performance; load average ${load.join(' ')} at the start; script KB = transferred (compressed):\n`,
);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));

const over = [
  { name: 'index.html entry', gzip: entryTotal.gzip },
  ...results.map((r) => ({ name: r.name, gzip: r.firstLoad.gzip })),
].filter((x) => x.gzip > BUDGET_GZIP);
console.log(`\nBudget: first load ≤ ${kb(BUDGET_GZIP).trim()} gzip.`);
for (const x of over) console.error(`  OVER: ${x.name} loads ${kb(x.gzip).trim()} gzip`);
const failures = over.map((x) => x.name);
for (const { name, lhr } of results) {
  const perf = Math.round((lhr.categories.performance?.score ?? 0) * 100);
  const a11y = Math.round((lhr.categories.accessibility?.score ?? 0) * 100);
  if (perf < MIN_PERFORMANCE || a11y < 100) {
    console.error(
      `  BELOW: ${name} scores ${perf} (at least ${MIN_PERFORMANCE}), accessibility ${a11y} (100)`,
    );
    failures.push(name);
  }
  if (name === 'Sign-in' && scriptTransferred(lhr) > SIGN_IN_SCRIPT_BUDGET) {
    console.error(
      `  OVER: the sign-in page moves ${kb(scriptTransferred(lhr)).trim()} of script (at most ${kb(SIGN_IN_SCRIPT_BUDGET).trim()})`,
    );
    failures.push(name);
  }
}
if (failures.length > 0) process.exit(1);
console.log(`  ok: entry ${kb(entryTotal.gzip).trim()} gzip`);
