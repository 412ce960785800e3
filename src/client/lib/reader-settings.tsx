/**
 * How dates are written for the person reading the page (their locale and time zone) and what
 * "now" is, the same on the server that renders the page and in the browser that hydrates it:
 * React adopts the server's HTML only when the browser's first render writes the same text. The
 * server renders with the locale of Accept-Language and the time zone the browser reported
 * (`READER_TIME_ZONE_COOKIE`, else UTC), and records every date it writes; the browser hydrates
 * with those settings and those texts, then re-renders with its own where they differ.
 *
 * The texts matter for speed too: a page's first Intl date format costs tens of milliseconds
 * (the locale's patterns are built), a long task on a phone. With the server's texts the browser
 * makes none while hydrating, nor after unless it has a new date to write.
 */
import { createContext, type ReactNode, use, useEffect, useSyncExternalStore } from 'react';
import { READER_TIME_ZONE_COOKIE, type ReaderSettings } from '../../shared/reader-settings';

export type { ReaderSettings };

/** The locale and zone dates are written in. */
export type Reader = Pick<ReaderSettings, 'locale' | 'timeZone'>;

interface Rendered {
  settings: ReaderSettings;
  /** Text the server wrote with Intl, by `textKey`: recorded on the server, read in the browser. */
  texts: Map<string, string>;
}

const RenderedContext = createContext<Rendered | null>(null);

/** What the page was rendered with, for the components below (on the server and in the browser). */
export function RenderedReaderSettings({
  settings,
  texts,
  children,
}: {
  settings: ReaderSettings | null;
  texts?: Map<string, string>;
  children: ReactNode;
}) {
  const value = settings ? { settings, texts: texts ?? new Map() } : null;
  return (
    <RenderedContext value={value}>
      {settings && <ReportTimeZone rendered={settings} />}
      {children}
    </RenderedContext>
  );
}

const noSubscription = () => () => {};

/** No offset from UTC in January or July: UTC writes this year's times as the local zone does. */
function localIsUtc(): boolean {
  const year = new Date().getFullYear();
  return [0, 6].every((month) => new Date(year, month, 1).getTimezoneOffset() === 0);
}

let own: { rendered: Reader | null; reader: Reader } | undefined;

/**
 * The browser's own settings, asking Intl for the zone's name only when the rendered one may be
 * wrong: not when it is this browser's own report, nor when it is UTC and the local zone writes
 * the same times. The same object for the same rendered settings, so nothing re-renders for it.
 */
function browserReader(rendered: ReaderSettings | null): Reader {
  if (own?.rendered === rendered) return own.reader;
  const locale = navigator.language || rendered?.locale || 'en-US';
  const keep =
    rendered && (rendered.timeZoneReported || (rendered.timeZone === 'UTC' && localIsUtc()));
  const timeZone = keep ? rendered.timeZone : new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const same = rendered && rendered.locale === locale && rendered.timeZone === timeZone;
  own = { rendered, reader: same ? rendered : { locale, timeZone } };
  return own.reader;
}

/** Locale and time zone to write dates in: the rendered ones while hydrating, then the reader's. */
export function useReader(): Reader {
  const rendered = use(RenderedContext)?.settings ?? null;
  return useSyncExternalStore(
    noSubscription,
    () => browserReader(rendered),
    () => rendered ?? browserReader(null),
  );
}

/**
 * The minute it is, for what counts back from now (a "last 24 hours" range): the render's while
 * hydrating, so the browser asks for what the server rendered, then the clock's.
 */
export function useNow(): number {
  const rendered = use(RenderedContext)?.settings.now;
  const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000;
  return useSyncExternalStore(
    noSubscription,
    () => minute(Date.now()),
    () => minute(rendered ?? Date.now()),
  );
}

/**
 * Writes locale-dependent text through the rendered page's record: `make` runs only for text the
 * server did not write for these settings (and, on the server, its text is recorded).
 */
export function useLocaleText(): {
  reader: Reader;
  text: (key: string, make: () => string) => string;
} {
  const reader = useReader();
  const texts = use(RenderedContext)?.texts;
  return {
    reader,
    text(key, make) {
      const full = `${reader.locale}|${reader.timeZone}|${key}`;
      let made = texts?.get(full);
      if (made === undefined) {
        made = make();
        texts?.set(full, made);
      }
      return made;
    },
  };
}

/** Tells the server this browser's time zone when the page was rendered without it. */
function ReportTimeZone({ rendered }: { rendered: ReaderSettings }) {
  const { timeZone } = useReader();
  useEffect(() => {
    // Known only when the rendered zone was in doubt (browserReader asked Intl).
    if (rendered.timeZoneReported || timeZone === rendered.timeZone) return;
    const year = 365 * 24 * 3600;
    const secure = window.location.protocol === 'https:' ? '; secure' : '';
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server.
    document.cookie = `${READER_TIME_ZONE_COOKIE}=${encodeURIComponent(timeZone)}; path=/; max-age=${year}; samesite=lax${secure}`;
  }, [rendered, timeZone]);
  return null;
}

export const DATE_STYLES = {
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  dateTimeSeconds: { dateStyle: 'medium', timeStyle: 'medium' },
  day: { dateStyle: 'medium' },
  weekdayDay: { weekday: 'short', month: 'short', day: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof DATE_STYLES;

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat({ locale, timeZone }: Reader, style: DateStyle): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...DATE_STYLES[style], timeZone });
    formats.set(key, format);
  }
  return format;
}

/** `formatDate(iso, 'dateTime')`: a date in the reader's locale and zone, in one of the styles. */
export function useFormatDate(): (date: string | number, style: DateStyle) => string {
  const { reader, text } = useLocaleText();
  return (date, style) => {
    const time = new Date(date).getTime();
    return text(`${style}|${time}`, () => dateFormat(reader, style).format(time));
  };
}
