import { useFormatDate } from '../lib/reader-settings';

/**
 * A date in the reader's locale and time zone, with the exact ISO value for machines and on
 * hover. `seconds` for logs, where several entries share a minute.
 */
export function FormattedDate({ iso, seconds }: { iso: string; seconds?: boolean }) {
  const formatDate = useFormatDate();
  return (
    <time dateTime={iso} title={iso}>
      {formatDate(iso, seconds ? 'dateTimeSeconds' : 'dateTime')}
    </time>
  );
}
