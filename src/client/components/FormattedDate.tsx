import {
  DATE_TIME,
  DATE_TIME_SECONDS,
  dateFormat,
  useReaderSettings,
} from '../lib/reader-settings';

/**
 * A date in the reader's locale and time zone, with the exact ISO value for machines and on
 * hover. `seconds` for logs, where several entries share a minute.
 */
export function FormattedDate({ iso, seconds }: { iso: string; seconds?: boolean }) {
  const reader = useReaderSettings();
  return (
    <time dateTime={iso} title={iso}>
      {dateFormat(reader, seconds ? DATE_TIME_SECONDS : DATE_TIME).format(new Date(iso))}
    </time>
  );
}
