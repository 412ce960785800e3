/** A time range as the address carries it: a preset relative to now, or custom bounds. */
export type RangePreset = '1h' | '24h' | '7d' | '30d';
export type RangeChoice = '' | RangePreset | 'custom';

export interface TimeRange {
  /** '' is any time. */
  range: RangeChoice;
  /** ISO date-times, only for 'custom'; `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
}

const HOUR = 3_600_000;
const PRESET_HOURS: Record<RangePreset, number> = { '1h': 1, '24h': 24, '7d': 168, '30d': 720 };

export const RANGE_OPTIONS: [RangeChoice, string][] = [
  ['', 'Any time'],
  ['1h', 'Last hour'],
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
  ['custom', 'Custom'],
];

const isPreset = (value: string): value is RangePreset => value in PRESET_HOURS;
const isIso = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(value);

/** Reads the range; bounds in the address without a range mean custom, unreadable ones are dropped. */
export function timeRangeFromSearch(params: URLSearchParams): TimeRange {
  const range = params.get('range') ?? '';
  const from = params.get('from');
  const to = params.get('to');
  if (isPreset(range)) return { range };
  if (range !== 'custom' && !isIso(from) && !isIso(to)) return { range: '' };
  return {
    range: 'custom',
    ...(isIso(from) ? { from } : {}),
    ...(isIso(to) ? { to } : {}),
  };
}

export function writeTimeRange(params: URLSearchParams, time: TimeRange): void {
  if (time.range) params.set('range', time.range);
  if (time.range !== 'custom') return;
  if (time.from) params.set('from', time.from);
  if (time.to) params.set('to', time.to);
}

/**
 * The bounds to ask the server for. A preset counts back from `now` rounded down to the minute,
 * so the query (and its cache key) stays the same while the page re-renders.
 */
export function boundsOf(time: TimeRange, now: number): { from?: string; to?: string } {
  if (time.range === 'custom') {
    return { ...(time.from ? { from: time.from } : {}), ...(time.to ? { to: time.to } : {}) };
  }
  if (!time.range) return {};
  const minute = Math.floor(now / 60_000) * 60_000;
  return { from: new Date(minute - PRESET_HOURS[time.range] * HOUR).toISOString() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO date-time as a `datetime-local` input shows it: the reader's local time, to the minute. */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (local time) as an ISO date-time; undefined when empty or incomplete. */
export function localInputToIso(value: string): string | undefined {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export const BACKWARDS_ALERT = 'The time range ends before it starts.';
