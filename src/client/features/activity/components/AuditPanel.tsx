import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { type AuditKind, endsBeforeStart } from '../../../../shared/api/activity';
import { FilterSelect } from '../../../components/FilterSelect';
import { Pager } from '../../../components/Pager';
import { SearchFilter } from '../../../components/SearchFilter';
import { isApiError } from '../../../lib/api-client';
import { useNow } from '../../../lib/reader-settings';
import { useSearchParams } from '../../../lib/router';
import { useAuditLog } from '../api/list-audit-log';
import {
  ACTIVITY_PAGE_SIZES,
  type AuditFilters,
  auditFiltersFromSearch,
  auditQueryFor,
  searchFromAuditFilters,
} from '../utils/activity-filters';
import { auditKindLabels, optionsOf, plural } from '../utils/labels';
import { BACKWARDS_ALERT } from '../utils/time-range';
import { AuditTable } from './AuditTable';
import { TimeRangeFilter } from './TimeRangeFilter';

/** The Audit log tab: admin changes, admin sign-ins and end-user refusals, paged on the server. */
export function AuditPanel() {
  const [params, setParams] = useSearchParams();
  const filters = auditFiltersFromSearch(params);
  const query = auditQueryFor(filters, useNow());
  const backwards = endsBeforeStart(query);
  const audit = useAuditLog(query, !backwards);

  const update = (change: Partial<AuditFilters>) => {
    const page = change.page ?? 1;
    setParams(searchFromAuditFilters({ ...filters, ...change, page }), { replace: true });
  };

  const filtered = Boolean(filters.kind || filters.actor || filters.range);
  const errors = isApiError(audit.error) ? audit.error.fields : {};
  const data = audit.data;
  return (
    <>
      <Typography id="audit-log" variant="h5" component="h2" sx={{ mb: 1 }}>
        Audit log
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Who changed what in this console, admin sign-ins (and failed attempts), and end users
        refused at sign-in. Secrets are never recorded.
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start', my: 2 }}>
        <SearchFilter label="Who" value={filters.actor} onSearch={(actor) => update({ actor })} />
        <FilterSelect
          label="What"
          value={filters.kind ?? ''}
          onChange={(value) => update({ kind: (value || undefined) as AuditKind })}
        >
          <option value="">All</option>
          {optionsOf(auditKindLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </FilterSelect>
        <TimeRangeFilter value={filters} errors={errors} onChange={(range) => update(range)} />
      </Box>
      <Typography role="status" variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {data && `${plural(data.total, 'entry', 'entries')}${filtered ? ' match' : ''}`}
      </Typography>
      {backwards && <Alert severity="error">{BACKWARDS_ALERT}</Alert>}
      {audit.error && <Alert severity="error">{audit.error.message}</Alert>}
      {audit.isPending && <Skeleton variant="rounded" height={240} />}
      {data && (
        <>
          <AuditTable
            entries={data.entries}
            labelledBy="audit-log"
            busy={audit.isPlaceholderData}
            empty={filtered ? 'No entry matches these filters.' : 'Nothing recorded yet.'}
          />
          <Pager
            total={data.total}
            page={filters.page}
            pageSize={filters.pageSize}
            pageSizes={ACTIVITY_PAGE_SIZES}
            noun="Entries"
            onChange={update}
          />
        </>
      )}
    </>
  );
}
