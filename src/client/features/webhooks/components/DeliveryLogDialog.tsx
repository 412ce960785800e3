import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import type { WebhookEndpointView } from '../../../../shared/api/webhooks';
import { Pager } from '../../../components/Pager';
import {
  DELIVERY_PAGE_SIZES,
  type DeliveryPaging,
  useDeliveries,
  useResendDelivery,
  useSendTestEvent,
} from '../api/deliveries';
import { DeliveryLogTable } from './DeliveryLogTable';

/**
 * One endpoint's deliveries, newest first, paged on the server and refreshed while open;
 * "Send test event" (which goes back to the first page, where it shows) and "Resend".
 */
export default function DeliveryLogDialog({
  open,
  endpoint,
  onClose,
}: {
  open: boolean;
  endpoint: WebhookEndpointView;
  onClose(): void;
}) {
  const titleId = useId();
  const [paging, setPaging] = useState<DeliveryPaging>({ page: 1, pageSize: 25 });
  const log = useDeliveries(endpoint.id, paging);
  const test = useSendTestEvent(endpoint.id);
  const resend = useResendDelivery(endpoint.id);
  const sendTest = () =>
    test.mutate(undefined, { onSuccess: () => setPaging((p) => ({ ...p, page: 1 })) });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="lg" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Deliveries to {endpoint.url}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
          <Button
            variant="outlined"
            loading={test.isPending}
            loadingPosition="start"
            onClick={sendTest}
          >
            Send test event
          </Button>
          <Typography role="status" variant="body2" color="text.secondary">
            {test.isSuccess ? 'Test event queued: it shows below once sent.' : ''}
          </Typography>
        </Box>
        {(test.isError || resend.isError) && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {(test.error ?? resend.error)?.message}
          </Alert>
        )}
        {log.error && <Alert severity="error">{log.error.message}</Alert>}
        {log.isPending && <Skeleton variant="rounded" height={96} />}
        {log.data && (
          <>
            <DeliveryLogTable
              deliveries={log.data.deliveries}
              busy={log.isPlaceholderData}
              onResend={(d) => resend.mutate(d.id)}
            />
            <Pager
              total={log.data.total}
              page={paging.page}
              pageSize={paging.pageSize}
              pageSizes={DELIVERY_PAGE_SIZES}
              noun="Deliveries"
              onChange={(change) => setPaging((p) => ({ ...p, page: 1, ...change }))}
            />
          </>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button variant="contained" onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
