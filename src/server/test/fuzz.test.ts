/**
 * A small run of `npm run fuzz` (generated admin API and SCIM requests against a real server on
 * 127.0.0.1): once with a fixed seed, once with a random one that the failure message names.
 */
import { describe, expect, it } from 'vitest';
import { type FuzzReport, runFuzz } from '../../testing/fuzz/runner';

function explain(report: FuzzReport): string {
  const shown = report.failures
    .slice(0, 5)
    .map((f) => `${f.reason}\n  ${f.label}\n  ${f.request}\n  → ${f.status} ${f.excerpt}`);
  return `seed ${report.seed} (npm run fuzz -- --seed ${report.seed}):\n${shown.join('\n')}`;
}

describe('generated bad input', () => {
  it.each([
    ['a fixed seed', 20_260_601, 500],
    ['a random seed', Math.floor(Math.random() * 2 ** 31), 250],
  ])(
    'with %s: no 5xx, no leak, every error in its shape',
    async (_what, seed, runs) => {
      const report = await runFuzz({ runs, seed });
      expect(report.failures, explain(report)).toEqual([]);
      expect(report.runs).toBe(runs);
      expect(report.counts['5xx'] ?? 0).toBe(0);
      // The run reaches past the first checks, not only into 400s.
      expect(report.counts['2xx'] ?? 0, explain(report)).toBeGreaterThan(runs / 10);
      expect(report.counts['4xx'] ?? 0).toBeGreaterThan(runs / 3);
    },
    90_000,
  );
});
