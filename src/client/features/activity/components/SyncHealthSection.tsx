import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useRef, useState } from 'react';
import type { DeprovisioningBurst, SyncHealth } from '../../../../shared/api/activity';
import { Link as RouterLink } from '../../../lib/router';
import { useActivityChart } from '../api/get-activity-chart';
import { useSyncHealth } from '../api/get-sync-health';
import { formatShare, plural, warningTitles } from '../utils/labels';
import { ActivityChart } from './ActivityChart';
import { BurstAlert } from './BurstAlert';
import { LastRequests } from './LastRequests';

const loadReactivateDialog = () => import('./ReactivateBurstDialog');
const ReactivateBurstDialog = lazy(loadReactivateDialog);

interface ReactivateState {
  open: boolean;
  /** Changes on every opening, so the dialog starts with a fresh mutation. */
  key: number;
  burst?: DeprovisioningBurst;
}

function ErrorRate({ last24h }: { last24h: SyncHealth['last24h'] }) {
  return (
    <Box component="dl" sx={{ m: 0, mb: 2 }}>
      <Typography component="dt" variant="subtitle2">
        Errors in the last 24 hours
      </Typography>
      <Typography component="dd" sx={{ m: 0 }}>
        {last24h.requests === 0
          ? 'No requests from Okta in the last 24 hours'
          : `${formatShare(last24h.errorRate)} (${plural(last24h.errors, 'error')} in ${plural(last24h.requests, 'request')})`}
      </Typography>
    </Box>
  );
}

/** "Sync health": is Okta sending, does it succeed, and an undo for mass deactivations. */
export function SyncHealthSection() {
  const health = useSyncHealth();
  const chart = useActivityChart();
  const [reactivate, setReactivate] = useState<ReactivateState>({ open: false, key: 0 });
  const [result, setResult] = useState<string | null>(null);
  const resultAlert = useRef<HTMLDivElement>(null);

  const data = health.data;
  // An open burst has its own alert with the undo; the warning would say the same again.
  const warnings =
    data?.warnings.filter(
      (w) => w.kind !== 'deprovisioning_burst' || data.openBursts.length === 0,
    ) ?? [];

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="sync-health"
      sx={{ p: { xs: 2, sm: 3 }, mt: 3 }}
    >
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography id="sync-health" variant="h5" component="h2" sx={{ flexGrow: 1 }}>
          Sync health
        </Typography>
        <Button component={RouterLink} to="/activity">
          See all activity
        </Button>
      </Box>
      <Typography sx={{ mb: 2 }}>
        Whether Okta's provisioning requests arrive and succeed, and what needs your attention.
      </Typography>
      {result && (
        <Alert
          ref={resultAlert}
          tabIndex={-1}
          severity="success"
          onClose={() => setResult(null)}
          sx={{ mb: 2 }}
        >
          {result}
        </Alert>
      )}
      {health.error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {health.error.message}
        </Alert>
      )}
      {health.isPending && <Skeleton variant="rounded" height={120} />}
      {data && (
        <>
          {data.openBursts.map((burst) => (
            <BurstAlert
              key={burst.id}
              burst={burst}
              onReactivate={() => {
                void loadReactivateDialog();
                setReactivate(({ key }) => ({ open: true, key: key + 1, burst }));
              }}
            />
          ))}
          {warnings.map((warning) => (
            <Alert key={`${warning.kind}:${warning.message}`} severity="warning" sx={{ mb: 2 }}>
              <AlertTitle>{warningTitles[warning.kind]}</AlertTitle>
              {warning.message}
            </Alert>
          ))}
          <ErrorRate last24h={data.last24h} />
        </>
      )}
      <Typography id="activity-chart" variant="h6" component="h3" sx={{ mt: 3, mb: 1 }}>
        Requests over time
      </Typography>
      {chart.error && <Alert severity="error">{chart.error.message}</Alert>}
      {chart.isPending && <Skeleton variant="rounded" height={120} />}
      {chart.data && <ActivityChart chart={chart.data} />}
      <Typography id="last-requests" variant="h6" component="h3" sx={{ mt: 3, mb: 1 }}>
        Last request of each kind
      </Typography>
      {data && (
        <LastRequests
          lastByAction={data.lastByAction}
          now={health.dataUpdatedAt}
          labelledBy="last-requests"
        />
      )}
      {reactivate.burst && (
        <Suspense fallback={null}>
          <ReactivateBurstDialog
            key={reactivate.key}
            open={reactivate.open}
            burst={reactivate.burst}
            onClose={() => setReactivate((r) => ({ ...r, open: false }))}
            onDone={(reactivated) => {
              setReactivate((r) => ({ ...r, open: false }));
              setResult(
                `${plural(reactivated, 'user')} reactivated. Okta was not told: if they were unassigned in Okta by mistake, assign them again there too.`,
              );
            }}
            onExited={(done) => {
              if (done) resultAlert.current?.focus();
            }}
          />
        </Suspense>
      )}
    </Paper>
  );
}
