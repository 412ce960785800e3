/**
 * `npm run bench:web`: builds, prints what the browser downloads for the first paint (raw, gzip,
 * brotli), then runs Lighthouse 12 (mobile defaults) in Debian's Chromium on the sign-in page and
 * the main page, served by the built server. Exits non-zero when the entry or a page's first load
 * exceeds 200 KB gzip.
 *
 *   npm run bench:web -- --runs 5    Lighthouse runs per page; the median by performance is shown
 *   npm run bench:web -- --no-build  measure the existing dist/
 *   npm run bench:web -- --report-dir .tmp/lighthouse   also write each median run's JSON report
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import { startStack } from '../e2e/support/stack';
import {
  BUDGET_GZIP,
  clientDir,
  entryAssets,
  kb,
  printTable,
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
  },
});
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
  firstLoad: Sizes;
}

/** The JavaScript and CSS the page requested during the Lighthouse load, sized from dist/. */
function firstLoadOf(lhr: Result, origin: string): Sizes {
  const details = lhr.audits['network-requests']?.details as
    | { items: { url: string; resourceType?: string }[] }
    | undefined;
  const assets = (details?.items ?? [])
    .filter((i) => i.url.startsWith(`${origin}/assets/`) && /\.(js|css)$/.test(i.url))
    .map((i) => new URL(i.url).pathname.slice(1));
  return sum([...new Set(assets)].map(sizesOf));
}

// As in production: no Okta stand-in needed, and no loopback-issuer warning on the page.
const stack = await startStack({ okta: false, allowHttpLoopbackIssuer: false });
const chrome = await chromeLauncher.launch({
  chromePath: chromiumPath,
  chromeFlags: ['--headless=new', ...chromiumArgs],
});
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

  const pages: { name: string; slug: string; url: string; headers: Record<string, string> }[] = [
    {
      name: 'sign-in page (/sign-in)',
      slug: 'sign-in',
      url: `${stack.baseUrl}/sign-in`,
      headers: {},
    },
    {
      name: 'main page (/), signed in',
      slug: 'main',
      url: `${stack.baseUrl}/`,
      headers: { Cookie: cookie },
    },
  ];
  for (const page of pages) {
    const lhrs: Result[] = [];
    for (let i = 0; i < runs; i += 1) {
      const result = await lighthouse(page.url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...categories],
        extraHeaders: page.headers,
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
      if (result.lhr.runtimeError) throw new Error(result.lhr.runtimeError.message);
      lhrs.push(result.lhr);
    }
    lhrs.sort(
      (a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0),
    );
    const median = lhrs[Math.floor(lhrs.length / 2)] as Result;
    const scores = lhrs.map((l) => Math.round((l.categories.performance?.score ?? 0) * 100));
    console.log(`\n${page.name}: performance over ${runs} run(s): ${scores.join(', ')}`);
    if (args['report-dir']) {
      mkdirSync(args['report-dir'], { recursive: true });
      const file = path.join(args['report-dir'], `${page.slug}.json`);
      writeFileSync(file, JSON.stringify(median, null, 2));
    }
    results.push({ name: page.name, lhr: median, firstLoad: firstLoadOf(median, stack.baseUrl) });
  }
} finally {
  chrome.kill();
  await stack.close();
}

console.log(
  `\nLighthouse ${results[0]?.lhr.lighthouseVersion} (mobile defaults, simulated throttling), median run:`,
);
for (const { name, lhr, firstLoad } of results) {
  const score = (id: (typeof categories)[number]) =>
    `${id} ${Math.round((lhr.categories[id]?.score ?? 0) * 100)}`;
  console.log(`  ${name}`);
  console.log(`    ${categories.map(score).join(' · ')}`);
  console.log(
    `    ${Object.entries(metrics)
      .map(([label, id]) => `${label} ${lhr.audits[id]?.displayValue ?? '?'}`)
      .join(' · ')}`,
  );
  console.log(
    `    JS+CSS requested: ${kb(firstLoad.raw).trim()} raw, ${kb(firstLoad.gzip).trim()} gzip, ${kb(firstLoad.brotli).trim()} brotli`,
  );
}

const over = [
  { name: 'index.html entry', gzip: entryTotal.gzip },
  ...results.map((r) => ({ name: r.name, gzip: r.firstLoad.gzip })),
].filter((x) => x.gzip > BUDGET_GZIP);
console.log(`\nBudget: first load ≤ ${kb(BUDGET_GZIP).trim()} gzip.`);
if (over.length > 0) {
  for (const x of over) console.error(`  OVER: ${x.name} loads ${kb(x.gzip).trim()} gzip`);
  process.exit(1);
}
console.log(`  ok: entry ${kb(entryTotal.gzip).trim()} gzip`);
