const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const withSeconds = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

/**
 * A date in the reader's locale, with the exact ISO value for machines and on hover. `seconds`
 * for logs, where several entries share a minute.
 */
export function FormattedDate({ iso, seconds }: { iso: string; seconds?: boolean }) {
  return (
    <time dateTime={iso} title={iso}>
      {(seconds ? withSeconds : dateTime).format(new Date(iso))}
    </time>
  );
}
