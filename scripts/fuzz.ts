/**
 * `npm run fuzz [-- --runs 10000 --seed 42]`: generated admin API and SCIM requests against a
 * real server on 127.0.0.1. Prints the answers per status class; exits 1 on any 5xx, leaked stack
 * trace or path, missing security header or error outside its shape.
 */
import { parseArgs } from 'node:util';
import { runFuzz } from '../src/testing/fuzz/runner';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
  },
});
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
console.log(`fuzz: ${runs} requests, seed ${seed}`);

const report = await runFuzz({
  runs,
  seed,
  concurrency: Number(values.concurrency),
  onProgress: (done, total) => {
    if (done % 1000 < 250 || done === total) process.stdout.write(`  ${done}/${total}\n`);
  },
});

console.log(`\nanswers per status class (${(report.ms / 1000).toFixed(1)} s):`);
for (const [cls, n] of Object.entries(report.counts).sort()) console.log(`  ${cls.padEnd(7)}${n}`);
console.log('\nanswers per target:');
for (const [target, classes] of Object.entries(report.byTarget).sort()) {
  const shown = Object.entries(classes)
    .sort()
    .map(([cls, n]) => `${cls} ${n}`)
    .join(', ');
  console.log(`  ${target.padEnd(28)}${shown}`);
}

const fives = report.counts['5xx'] ?? 0;
const leaks = report.failures.filter((f) => f.reason.startsWith('leaks')).length;
console.log(
  `\n5xx: ${fives}  leaks: ${leaks}  other problems: ${report.failures.length - leaks - fives}`,
);
if (report.failures.length > 0) {
  const shown = new Map<string, (typeof report.failures)[number]>();
  for (const f of report.failures) {
    const key = `${f.reason.slice(0, 40)} ${f.label.split(':')[0]}`;
    if (!shown.has(key)) shown.set(key, f);
  }
  for (const f of shown.values()) {
    console.log(`\n✗ ${f.reason}\n  ${f.label}\n  ${f.request}\n  → ${f.status} ${f.excerpt}`);
  }
  console.log(
    `\n${report.failures.length} problems (${shown.size} kinds). Re-run with --seed ${seed}.`,
  );
  process.exit(1);
}
console.log('no 5xx, no leaks.');
