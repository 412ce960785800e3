const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

const formats = new Map<string | undefined, Intl.RelativeTimeFormat>();

/** Made once per locale: making one loads locale data. */
function relativeFormat(locale: string | undefined): Intl.RelativeTimeFormat {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    formats.set(locale, format);
  }
  return format;
}

/**
 * "just now", "3 minutes ago", "yesterday": `iso` seen from `now` (milliseconds). A time slightly
 * ahead of `now` (server and browser clocks differ) reads as "just now", never "in 2 seconds".
 */
export function relativeTime(iso: string, now: number, locale?: string): string {
  const seconds = Math.min(0, Math.round((Date.parse(iso) - now) / 1000));
  if (seconds > -45) return 'just now';
  const format = relativeFormat(locale);
  for (const [unit, size] of UNITS) {
    if (-seconds >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(-1, 'minute');
}
