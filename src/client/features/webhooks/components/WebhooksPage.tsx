import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useState } from 'react';
import type { WebhookEndpointView } from '../../../../shared/api/webhooks';
import { closed, type Opening, reopen, shut } from '../../../components/dialog-opening';
import { Notice } from '../../../components/Notice';
import { AppHeader } from '../../configuration/components/AppHeader';
import { useWebhooks } from '../api/list-webhooks';
import { useUpdateWebhook } from '../api/update-webhook';
import { WebhookDisabledAlert } from './WebhookDisabledAlert';
import { WebhooksTable } from './WebhooksTable';

const loadAdd = () => import('./AddWebhookDialog');
const AddWebhookDialog = lazy(loadAdd);
const loadRemove = () => import('./RemoveWebhookDialog');
const RemoveWebhookDialog = lazy(loadRemove);
const loadLog = () => import('./DeliveryLogDialog');
const DeliveryLogDialog = lazy(loadLog);

/** "/webhooks": where the application hears about changes (its API keys are on /applications). */
export default function WebhooksPage() {
  const hooks = useWebhooks();
  const toggle = useUpdateWebhook();
  const [add, setAdd] = useState<Opening>(closed);
  const [remove, setRemove] = useState<Opening<WebhookEndpointView>>(closed);
  const [log, setLog] = useState<Opening<WebhookEndpointView>>(closed);
  const [notice, setNotice] = useState<string>();

  return (
    <>
      <title>Webhooks · Okta SSO Console</title>
      <AppHeader />
      <Container component="main" maxWidth="lg" sx={{ py: 4 }}>
        <Typography variant="h4" component="h1" gutterBottom>
          Webhooks
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          Tell the application when Okta changes someone: a person created, deactivated or moved
          from Basic to Pro. Each event is signed (Standard Webhooks) and retried for 3 days; none
          is lost while the application is down.
        </Typography>
        <WebhookDisabledAlert />
        <Paper
          component="section"
          variant="outlined"
          aria-labelledby="webhook-endpoints"
          sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}
        >
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
            <Typography id="webhook-endpoints" variant="h5" component="h2" sx={{ flexGrow: 1 }}>
              Endpoints
            </Typography>
            <Button
              variant="contained"
              onPointerEnter={loadAdd}
              onFocus={loadAdd}
              onClick={() => setAdd(reopen())}
            >
              Add endpoint
            </Button>
          </Box>
          {hooks.error && <Alert severity="error">{hooks.error.message}</Alert>}
          {toggle.isError && <Alert severity="error">{toggle.error.message}</Alert>}
          {hooks.isPending && <Skeleton variant="rounded" height={96} />}
          {hooks.data && (
            <WebhooksTable
              endpoints={hooks.data.endpoints}
              labelledBy="webhook-endpoints"
              {...(toggle.isPending ? { busyId: toggle.variables.id } : {})}
              actions={{
                onLog: (e) => {
                  void loadLog();
                  setLog(reopen(e));
                },
                onToggle: (e) =>
                  toggle.mutate(
                    { id: e.id, enabled: !e.enabled },
                    {
                      onSuccess: (after) =>
                        setNotice(`${after.url} ${after.enabled ? 'enabled' : 'disabled'}.`),
                    },
                  ),
                onRemove: (e) => {
                  void loadRemove();
                  setRemove(reopen(e));
                },
              }}
            />
          )}
        </Paper>
      </Container>
      {/* One boundary per dialog: a dialog's code loading must not hide (and re-show) another. */}
      <Suspense fallback={null}>
        {add.key > 0 && (
          <AddWebhookDialog key={add.key} open={add.open} onClose={() => setAdd(shut)} />
        )}
      </Suspense>
      <Suspense fallback={null}>
        {remove.target && (
          <RemoveWebhookDialog
            key={remove.key}
            open={remove.open}
            endpoint={remove.target}
            onClose={() => setRemove(shut)}
            onRemoved={() => {
              setRemove(shut);
              setNotice(`${remove.target?.url} removed.`);
            }}
          />
        )}
      </Suspense>
      <Suspense fallback={null}>
        {log.target && (
          <DeliveryLogDialog
            key={log.key}
            open={log.open}
            endpoint={log.target}
            onClose={() => setLog(shut)}
          />
        )}
      </Suspense>
      <Notice open={Boolean(notice)} message={notice} onClose={() => setNotice(undefined)} />
    </>
  );
}
