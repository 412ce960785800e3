/**
 * `node --import tsx scripts/profile-page.ts [path ...]`: loads console pages of the built server
 * (dist/) in Debian's Chromium, signed in, with the CPU profiler on, and prints where the main
 * thread's time went: the long tasks (over 12.5 ms, which Lighthouse's 4x throttling turns into
 * blocking time) and the self time per script and per function. For finding what to cut before
 * running `npm run bench:web`; it measures nothing that bench:web reports.
 */
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import { startStack } from '../e2e/support/stack';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const paths = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const stack = await startStack({ okta: false, allowHttpLoopbackIssuer: false });
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const signIn = await context.request.post(`${stack.baseUrl}/api/session`, {
    data: stack.admin,
  });
  if (!signIn.ok()) throw new Error(`sign-in: ${signIn.status()}`);
  for (const target of paths.length ? paths : ['/']) {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,loading',
      transferMode: 'ReturnAsStream',
    });
    await cdp.send('Profiler.start');
    await page.goto(`${stack.baseUrl}${target}`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(1000);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const traceDone = new Promise<string>((resolve) => {
      cdp.once('Tracing.tracingComplete', async (event: { stream?: string }) => {
        let text = '';
        for (;;) {
          const chunk = (await cdp.send('IO.read', { handle: event.stream ?? '' })) as {
            data: string;
            eof: boolean;
          };
          text += chunk.data;
          if (chunk.eof) break;
        }
        resolve(text);
      });
    });
    await cdp.send('Tracing.end');
    const trace = JSON.parse(await traceDone) as {
      traceEvents: {
        name: string;
        ph: string;
        dur?: number;
        ts: number;
        pid: number;
        tid: number;
        args?: { name?: string };
      }[];
    };
    // The renderer's main thread that ran the most: the page's (not the browser's UI thread).
    const rendererMains = new Set(
      trace.traceEvents
        .filter(
          (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
        )
        .map((e) => `${e.pid}:${e.tid}`),
    );
    const busy = new Map<string, number>();
    for (const e of trace.traceEvents) {
      const key = `${e.pid}:${e.tid}`;
      if (
        e.name === 'RunTask' &&
        e.ph === 'X' &&
        rendererMains.has(key) &&
        e.ts >= profile.startTime
      ) {
        busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
      }
    }
    const mainThread = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
    const tasks = trace.traceEvents.filter(
      (e) =>
        e.name === 'RunTask' &&
        e.ph === 'X' &&
        (e.dur ?? 0) > 12_500 &&
        e.ts >= profile.startTime &&
        `${e.pid}:${e.tid}` === mainThread,
    );
    const start = profile.startTime;
    console.log(`\n## ${target}`);
    const main = tasks;
    // Lighthouse counts blocking time from the first contentful paint on.
    const fcp = trace.traceEvents.find((e) => e.name === 'firstContentfulPaint')?.ts ?? start;
    const excess = main
      .filter((t) => t.ts + (t.dur ?? 0) > fcp)
      .reduce((s, t) => s + Math.max(0, ((t.dur ?? 0) / 1000) * 4 - 50), 0);
    console.log(
      `FCP at ${((fcp - start) / 1000).toFixed(0)} ms; long tasks (>12.5 ms): ${main.map((t) => `${((t.ts - start) / 1000).toFixed(0)}ms:${((t.dur ?? 0) / 1000).toFixed(1)}`).join(' ')}; after FCP, x4 blocking ≈ ${excess.toFixed(0)} ms`,
    );

    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    // Each long task: what ran in it (self time per function, the top few).
    const sampleTimes: number[] = [];
    let clock = profile.startTime;
    for (const delta of profile.timeDeltas) {
      clock += delta;
      sampleTimes.push(clock);
    }
    for (const task of main) {
      const inTask = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const at = sampleTimes[i] ?? 0;
        if (at < task.ts || at > task.ts + (task.dur ?? 0)) return;
        const f = byId.get(id)?.callFrame;
        const name = `${f?.functionName || '(anon)'}@${(f?.url ?? '').split('/').pop()}:${f?.lineNumber}:${f?.columnNumber}`;
        inTask.set(name, (inTask.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
      });
      const top = [...inTask]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
        .join(', ');
      console.log(
        `  task ${((task.ts - start) / 1000).toFixed(0)}ms ${((task.dur ?? 0) / 1000).toFixed(1)}ms: ${top}`,
      );
    }
    const self = new Map<number, number>();
    profile.samples.forEach((id, i) => {
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    const byUrl = new Map<string, number>();
    const byFn = new Map<string, number>();
    for (const [id, us] of self) {
      const f = byId.get(id)?.callFrame;
      if (!f) continue;
      const url = f.url.replace(/^https?:\/\/[^/]+/, '') || `(${f.functionName || 'native'})`;
      byUrl.set(url, (byUrl.get(url) ?? 0) + us);
      const fn = `${f.functionName || '(anonymous)'} ${url}:${f.lineNumber}:${f.columnNumber}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    }
    const top = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, v]) => `  ${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`)
        .join('\n');
    console.log(`self time by script:\n${top(byUrl, 12)}`);
    console.log(`self time by function:\n${top(byFn, 25)}`);
    await page.close();
  }
} finally {
  await browser.close();
  await stack.close();
}
