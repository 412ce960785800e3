/**
 * How dates and numbers are written for the person reading the page (their locale and time zone)
 * and what "now" is, the same on the server that renders the page and in the browser that
 * hydrates it: React adopts the server's HTML only when the browser's first render produces the
 * same text. The server renders with the locale of Accept-Language and the time zone the browser
 * reported last time (`READER_TIME_ZONE_COOKIE`, else UTC); the browser hydrates with those,
 * then re-renders what differs with its own and reports its time zone for the next page.
 */
import { createContext, type ReactNode, use, useEffect, useSyncExternalStore } from 'react';
import { READER_TIME_ZONE_COOKIE, type ReaderSettings } from '../../shared/reader-settings';

export type { ReaderSettings };

const Rendered = createContext<ReaderSettings | null>(null);

/** The settings the server rendered the page with, for the components below (server and hydration). */
export function RenderedReaderSettings({
  settings,
  children,
}: {
  settings: ReaderSettings | null;
  children: ReactNode;
}) {
  return (
    <Rendered value={settings}>
      {settings && <ReportTimeZone rendered={settings} />}
      {children}
    </Rendered>
  );
}

const noSubscription = () => () => {};

/** False on the server and while React adopts the server's HTML; true for every render after. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

let browserOwn: Omit<ReaderSettings, 'now'> | undefined;

function browserSettings(): Omit<ReaderSettings, 'now'> {
  if (!browserOwn) {
    const { locale, timeZone } = new Intl.DateTimeFormat().resolvedOptions();
    browserOwn = { locale, timeZone };
  }
  return browserOwn;
}

/** Locale and time zone to write dates in: the rendered ones while hydrating, then the reader's own. */
export function useReaderSettings(): Omit<ReaderSettings, 'now'> {
  const rendered = use(Rendered);
  const hydrated = useHydrated();
  if (rendered && !hydrated) return rendered;
  const own = browserSettings();
  // The same object when nothing differs, so nothing re-renders for it.
  return rendered && rendered.locale === own.locale && rendered.timeZone === own.timeZone
    ? rendered
    : own;
}

/**
 * The current time for what is computed from it (a "last 24 hours" range): the render's time while
 * hydrating, so the browser asks for what the server rendered, then the clock's.
 */
export function useNow(): number {
  const rendered = use(Rendered);
  const hydrated = useHydrated();
  return rendered && !hydrated ? rendered.now : Date.now();
}

/** Tells the server this browser's time zone when it rendered another one, for the next page. */
function ReportTimeZone({ rendered }: { rendered: ReaderSettings }) {
  useEffect(() => {
    const { timeZone } = browserSettings();
    if (timeZone === rendered.timeZone) return;
    const year = 365 * 24 * 3600;
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server.
    document.cookie = `${READER_TIME_ZONE_COOKIE}=${encodeURIComponent(timeZone)}; path=/; max-age=${year}; samesite=lax`;
  }, [rendered.timeZone]);
  return null;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A date format for these settings, made once: making one is slow (it loads locale data). */
export function dateFormat(
  { locale, timeZone }: Omit<ReaderSettings, 'now'>,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
}

export const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
export const DATE_TIME_SECONDS: Intl.DateTimeFormatOptions = {
  dateStyle: 'medium',
  timeStyle: 'medium',
};
export const DAY: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
