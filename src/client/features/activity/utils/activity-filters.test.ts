import { describe, expect, it } from 'vitest';
import {
  auditFiltersFromSearch,
  auditQueryFor,
  provisioningExportQueryFor,
  provisioningFiltersFromSearch,
  provisioningQueryFor,
  searchFromAuditFilters,
  searchFromProvisioningFilters,
} from './activity-filters';
import { boundsOf, isoToLocalInput, localInputToIso, timeRangeFromSearch } from './time-range';

const NOW = Date.parse('2026-03-04T12:34:56.789Z');

describe('activity filters in the address', () => {
  it('reads known values, drops the rest and round-trips', () => {
    const filters = provisioningFiltersFromSearch(
      new URLSearchParams('action=push_group&outcome=error&subject=eng&range=7d&page=3'),
    );
    expect(filters).toEqual({
      action: 'push_group',
      outcome: 'error',
      subject: 'eng',
      range: '7d',
      page: 3,
      pageSize: 25,
    });
    expect(searchFromProvisioningFilters(filters).toString()).toBe(
      'action=push_group&outcome=error&subject=eng&range=7d&page=3',
    );
    expect(
      provisioningFiltersFromSearch(new URLSearchParams('action=delete&outcome=ok&page=0')),
    ).toEqual({
      action: undefined,
      outcome: undefined,
      subject: '',
      range: '',
      page: 1,
      pageSize: 25,
    });
  });

  it('asks the server for a preset counted back from now, to the minute', () => {
    const filters = provisioningFiltersFromSearch(new URLSearchParams('range=24h&subject=%20a%20'));
    expect(provisioningQueryFor(filters, NOW)).toEqual({
      page: 1,
      pageSize: 25,
      from: '2026-03-03T12:34:00.000Z',
      subject: 'a',
    });
    expect(provisioningExportQueryFor(filters, NOW)).toEqual({
      from: '2026-03-03T12:34:00.000Z',
      subject: 'a',
    });
  });

  it('treats bounds without a range as custom, and ignores unreadable ones', () => {
    expect(timeRangeFromSearch(new URLSearchParams('from=2026-03-01T00:00:00.000Z'))).toEqual({
      range: 'custom',
      from: '2026-03-01T00:00:00.000Z',
    });
    expect(timeRangeFromSearch(new URLSearchParams('from=yesterday'))).toEqual({ range: '' });
    expect(timeRangeFromSearch(new URLSearchParams('range=custom&to=soon'))).toEqual({
      range: 'custom',
    });
    expect(
      boundsOf({ range: 'custom', from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' }, NOW),
    ).toEqual({ from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' });
    // A preset ignores stale custom bounds.
    expect(timeRangeFromSearch(new URLSearchParams('range=1h&from=2026-03-01T00:00:00Z'))).toEqual({
      range: '1h',
    });
  });

  it('keeps the audit tab in its address', () => {
    const filters = auditFiltersFromSearch(
      new URLSearchParams('tab=audit&kind=access_key_revoked&actor=ops&range=30d'),
    );
    expect(searchFromAuditFilters(filters).toString()).toBe(
      'tab=audit&kind=access_key_revoked&actor=ops&range=30d',
    );
    expect(auditQueryFor(filters, NOW)).toEqual({
      page: 1,
      pageSize: 25,
      kind: 'access_key_revoked',
      actor: 'ops',
      from: '2026-02-02T12:34:00.000Z',
    });
  });

  it('converts between datetime-local values and ISO date-times', () => {
    const iso = localInputToIso('2026-03-04T09:30');
    expect(iso).toBe(new Date('2026-03-04T09:30').toISOString());
    expect(isoToLocalInput(iso)).toBe('2026-03-04T09:30');
    expect(localInputToIso('2026-03-04T')).toBeUndefined();
    expect(localInputToIso('')).toBeUndefined();
    expect(isoToLocalInput(undefined)).toBe('');
  });
});
