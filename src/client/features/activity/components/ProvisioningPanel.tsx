import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { endsBeforeStart } from '../../../../shared/api/activity';
import { Pager } from '../../../components/Pager';
import { isApiError } from '../../../lib/api-client';
import { useNow } from '../../../lib/reader-settings';
import { useSearchParams } from '../../../lib/router';
import { provisioningExportHref } from '../api/export-provisioning-activity';
import { useProvisioningActivity } from '../api/list-provisioning-activity';
import {
  ACTIVITY_PAGE_SIZES,
  type ProvisioningFilters,
  provisioningExportQueryFor,
  provisioningFiltersFromSearch,
  provisioningQueryFor,
  searchFromProvisioningFilters,
} from '../utils/activity-filters';
import { plural } from '../utils/labels';
import { BACKWARDS_ALERT } from '../utils/time-range';
import { ProvisioningFiltersBar } from './ProvisioningFiltersBar';
import { ProvisioningTable } from './ProvisioningTable';

/** The Provisioning tab: every SCIM request Okta sent, filtered and paged on the server. */
export function ProvisioningPanel() {
  const [params, setParams] = useSearchParams();
  const filters = provisioningFiltersFromSearch(params);
  // A preset such as "Last 24 hours" counts back from now; the page and the export agree on it.
  const now = useNow();
  const query = provisioningQueryFor(filters, now);
  // The server refuses a range that ends before it starts; the field says why, so do not ask.
  const backwards = endsBeforeStart(query);
  const activity = useProvisioningActivity(query, !backwards);
  const exportHref = provisioningExportHref(provisioningExportQueryFor(filters, now));

  const update = (change: Partial<ProvisioningFilters>) => {
    // Any change but the page itself starts again at page 1.
    const page = change.page ?? 1;
    setParams(searchFromProvisioningFilters({ ...filters, ...change, page }), { replace: true });
  };

  const filtered = Boolean(filters.subject || filters.action || filters.outcome || filters.range);
  const errors = isApiError(activity.error) ? activity.error.fields : {};
  const data = activity.data;
  return (
    <>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography id="provisioning-activity" variant="h5" component="h2" sx={{ flexGrow: 1 }}>
          SCIM requests from Okta
        </Typography>
        <Button
          variant="outlined"
          component="a"
          href={exportHref}
          download
          aria-describedby="provisioning-export-hint"
          disabled={Boolean(activity.error) || backwards}
        >
          Export CSV
        </Button>
      </Box>
      <Typography
        id="provisioning-export-hint"
        variant="body2"
        color="text.secondary"
        sx={{ mt: 1 }}
      >
        Each request Okta's provisioning app sent, the Okta action it stands for and what this
        console did with it. Export CSV downloads every request these filters select, not only this
        page.
      </Typography>
      <ProvisioningFiltersBar filters={filters} errors={errors} onChange={update} />
      <Typography role="status" variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {data && `${plural(data.total, 'request')}${filtered ? ' match' : ''}`}
      </Typography>
      {backwards && <Alert severity="error">{BACKWARDS_ALERT}</Alert>}
      {activity.error && <Alert severity="error">{activity.error.message}</Alert>}
      {activity.isPending && <Skeleton variant="rounded" height={240} />}
      {data && (
        <>
          <ProvisioningTable
            entries={data.entries}
            labelledBy="provisioning-activity"
            busy={activity.isPlaceholderData}
            empty={
              filtered
                ? 'No request matches these filters.'
                : 'No requests yet. Okta sends them when you test the connection, assign people or push groups.'
            }
          />
          <Pager
            total={data.total}
            page={filters.page}
            pageSize={filters.pageSize}
            pageSizes={ACTIVITY_PAGE_SIZES}
            noun="Requests"
            onChange={update}
          />
        </>
      )}
    </>
  );
}
