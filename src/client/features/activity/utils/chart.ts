import type { ActivityChart } from '../../../../shared/api/activity';
import { dateFormat, type ReaderSettings } from '../../../lib/reader-settings';

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

const DAY_LABEL: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric' };

/**
 * Totals for the chart's caption and its text alternative: the whole span, and day by day (the
 * reader's days, in their time zone).
 */
export function summarizeChart(
  chart: ActivityChart,
  reader: Omit<ReaderSettings, 'now'>,
): ChartSummary {
  const dayLabel = dateFormat(reader, DAY_LABEL);
  const days: DayTotals[] = [];
  let requests = 0;
  let errors = 0;
  let max = 0;
  for (const bucket of chart.buckets) {
    requests += bucket.success + bucket.error;
    errors += bucket.error;
    max = Math.max(max, bucket.success + bucket.error);
    const label = dayLabel.format(new Date(bucket.start));
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
