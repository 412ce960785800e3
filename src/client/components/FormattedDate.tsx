const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A date in the reader's locale, with the exact ISO value for machines and on hover. */
export function FormattedDate({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {dateTime.format(new Date(iso))}
    </time>
  );
}
