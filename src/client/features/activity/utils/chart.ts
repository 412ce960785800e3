import type { ActivityChart } from '../../../../shared/api/activity';

export interface DayTotals {
  /** The first bucket of the day, for a `<time>`. */
  start: string;
  label: string;
  success: number;
  error: number;
}

export interface ChartSummary {
  requests: number;
  errors: number;
  /** The largest bucket (successes and errors together), the top of the scale. */
  max: number;
  /** "7 days", "36 hours". */
  span: string;
  days: DayTotals[];
}

/**
 * Totals for the chart's caption and its text alternative: the whole span, and day by day, the
 * days being the reader's as `dayLabel` writes them ("Mon, Mar 2" in their time zone).
 */
export function summarizeChart(
  chart: ActivityChart,
  dayLabel: (iso: string) => string,
): ChartSummary {
  const days: DayTotals[] = [];
  let requests = 0;
  let errors = 0;
  let max = 0;
  for (const bucket of chart.buckets) {
    requests += bucket.success + bucket.error;
    errors += bucket.error;
    max = Math.max(max, bucket.success + bucket.error);
    const label = dayLabel(bucket.start);
    const day = days.at(-1);
    if (day?.label === label) {
      day.success += bucket.success;
      day.error += bucket.error;
    } else {
      days.push({ start: bucket.start, label, success: bucket.success, error: bucket.error });
    }
  }
  const hours = (chart.buckets.length * chart.bucketMinutes) / 60;
  const span = hours % 24 === 0 ? `${hours / 24} days` : `${Math.round(hours)} hours`;
  return { requests, errors, max, span: hours === 24 ? '24 hours' : span, days };
}
