import type { FastifyRequest } from 'fastify';
import { READER_TIME_ZONE_COOKIE, type ReaderSettings } from '../../shared/reader-settings';

const FALLBACK_LOCALE = 'en-US';

/** The first language of Accept-Language that Intl knows (`de-CH,de;q=0.9` → `de-CH`). */
function localeOf(acceptLanguage: string | undefined): string {
  const tags = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim() ?? '')
    .filter((tag) => tag !== '' && tag !== '*')
    .slice(0, 10);
  for (const tag of tags) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // Not a language tag: try the next.
    }
  }
  return FALLBACK_LOCALE;
}

/** The zone the browser reported (client/lib/reader-settings.tsx), when it is one Intl knows. */
function reportedTimeZone(reported: string | undefined): string | undefined {
  if (!reported || reported.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat(FALLBACK_LOCALE, { timeZone: reported }).resolvedOptions()
      .timeZone;
  } catch {
    return undefined;
  }
}

/** How the server writes dates on a page for this visitor, and the page's "now". */
export function readerSettingsOf(request: FastifyRequest): ReaderSettings {
  const timeZone = reportedTimeZone(request.cookies[READER_TIME_ZONE_COOKIE]);
  return {
    locale: localeOf(request.headers['accept-language']),
    timeZone: timeZone ?? 'UTC',
    timeZoneReported: timeZone !== undefined,
    now: Date.now(),
  };
}
