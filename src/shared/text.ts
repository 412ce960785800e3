/**
 * 1234567 → "1,234,567", as `toLocaleString('en-US')` writes a count, without Intl: a page's
 * first use of Intl loads locale data, a long task on a slow phone, and the console's figures
 * are English whatever the reader's locale.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return String(n);
  const [whole = '', fraction] = Math.abs(n).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** "1 session", "3 sessions", "1,200 users": a count and its noun, in English. */
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;
