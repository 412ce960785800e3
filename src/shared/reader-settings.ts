/**
 * How dates are written for the person reading a console page, and the page's "now": the server
 * renders with these and the browser adopts the page with the same (client/lib/reader-settings).
 */
export interface ReaderSettings {
  /** A BCP 47 tag, such as `en-US`. */
  locale: string;
  /** An IANA zone, such as `Europe/Berlin`. */
  timeZone: string;
  /** Whether the zone is the one the browser reported (else UTC, the server's guess). */
  timeZoneReported: boolean;
  /** When the page was rendered (ms since the epoch). */
  now: number;
}

/** Set by the browser, read by the server: only the zone's name, nothing else about the person. */
export const READER_TIME_ZONE_COOKIE = 'osc_tz';
