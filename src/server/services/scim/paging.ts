import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../shared/scim/constants';
import { invalidValue } from './errors';

export interface Page {
  /** 1-based, as SCIM counts. */
  startIndex: number;
  count: number;
}

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\s*-?\d{1,15}\s*$/.test(raw)) throw invalidValue(`"${name}" must be an integer.`);
  return Number(raw);
}

/** RFC 7644 §3.4.2.4: startIndex below 1 means 1; a negative count means 0; count is capped. */
export function readPage(startIndex: string | undefined, count: string | undefined): Page {
  const start = integer('startIndex', startIndex) ?? 1;
  const size = integer('count', count) ?? DEFAULT_PAGE_SIZE;
  return {
    startIndex: Math.max(1, start),
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, size)),
  };
}
