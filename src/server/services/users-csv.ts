import { Readable } from 'node:stream';
import type { z } from 'zod';
import { USERS_CSV_COLUMNS, type usersExportQuery } from '../../shared/api/user-details';
import type { UserRow } from '../../shared/api/users';
import { csvLine } from './activity/csv';
import type { LicenceService } from './licences';

/** Rows read and written at a time: memory stays flat whatever the number of users. */
export const EXPORT_BATCH = 1000;

const LICENCE = { pro: 'Pro', basic: 'Basic', none: 'None' } as const;
const CAPABILITY = { pro: 'Pro', basic: 'Basic' } as const;

function line(u: UserRow): string {
  const groups = u.groups
    .map((g) => (g.capability ? `${g.name} (${CAPABILITY[g.capability]})` : g.name))
    .join('; ');
  return csvLine([
    u.email,
    u.name,
    u.userName,
    u.active ? 'Active' : 'Deactivated',
    LICENCE[u.licence],
    groups,
    u.lastSignInAt,
  ]);
}

/**
 * The Users list as CSV for billing, every user the filters select in the list's order: the
 * header, then the rows, read EXPORT_BATCH at a time and sent as they are made (a stream), so
 * 100,000 users never sit in memory at once. Cells are injection-safe (csvCell).
 */
export function usersCsv(
  licences: LicenceService,
  query: z.output<typeof usersExportQuery>,
): Readable {
  async function* lines() {
    yield csvLine([...USERS_CSV_COLUMNS]);
    const seqs = await licences.seqsOf(query);
    for (let i = 0; i < seqs.length; i += EXPORT_BATCH) {
      const rows = await licences.rowsOf(seqs.slice(i, i + EXPORT_BATCH), Infinity);
      yield rows.map(line).join('');
    }
  }
  return Readable.from(lines(), { objectMode: false });
}
