import { describe, expect, it } from 'vitest';
import { summarizeChart } from './chart';

const dayFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const reader = (iso: string) => dayFormat.format(new Date(iso));

const bucket = (start: string, success: number, error: number) => ({ start, success, error });

describe('chart summary', () => {
  it('adds up the span and each day, and finds the tallest bar', () => {
    const buckets = Array.from({ length: 48 }, (_, i) =>
      bucket(new Date(Date.UTC(2026, 2, 4, i)).toISOString(), i === 3 ? 5 : 1, i === 30 ? 2 : 0),
    );
    const summary = summarizeChart({ bucketMinutes: 60, buckets }, reader);
    expect(summary).toMatchObject({ requests: 54, errors: 2, max: 5, span: '2 days' });
    expect(summary.days.reduce((n, d) => n + d.success + d.error, 0)).toBe(54);
    expect(summarizeChart({ bucketMinutes: 60, buckets: buckets.slice(0, 24) }, reader).span).toBe(
      '24 hours',
    );
    expect(summarizeChart({ bucketMinutes: 60, buckets: [] }, reader)).toMatchObject({
      requests: 0,
      max: 0,
      days: [],
    });
  });
});
