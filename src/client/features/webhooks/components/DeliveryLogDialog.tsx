import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import type { WebhookDelivery, WebhookEndpointView } from '../../../../shared/api/webhooks';
import { Badge } from '../../../components/Badge';
import { FormattedDate } from '../../../components/FormattedDate';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { visuallyHidden } from '../../../components/visually-hidden';
import { useDeliveries, useResendDelivery, useSendTestEvent } from '../api/deliveries';

const STATUS = {
  delivered: { label: 'Delivered', color: 'success' },
  pending: { label: 'Retrying', color: 'warning' },
  failed: { label: 'Gave up', color: 'error' },
} as const;

function Status({ d }: { d: WebhookDelivery }) {
  const s =
    d.status === 'pending' && d.attempts === 0
      ? { label: 'Queued', color: 'info' as const }
      : STATUS[d.status];
  return <Badge color={s.color} variant="outlined" label={s.label} />;
}

/** One endpoint's deliveries, newest first, refreshed while open; "Send test event", "Resend". */
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
  const log = useDeliveries(endpoint.id);
  const test = useSendTestEvent(endpoint.id);
  const resend = useResendDelivery(endpoint.id);
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="lg" aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Deliveries to {endpoint.url}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
          <Button
            variant="outlined"
            loading={test.isPending}
            loadingPosition="start"
            onClick={() => test.mutate()}
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
          <ScrollableTable>
            <Table size="small" aria-label="Delivery log">
              <TableHead>
                <TableRow>
                  <TableCell>Event</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Attempts</TableCell>
                  <TableCell>Last answer</TableCell>
                  <TableCell>Next retry</TableCell>
                  <TableCell>
                    <Box component="span" sx={visuallyHidden}>
                      Actions
                    </Box>
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {log.data.deliveries.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={6}>
                      <Typography variant="body2" color="text.secondary">
                        Nothing sent yet. Changes from Okta and "Send test event" show here.
                      </Typography>
                    </TableCell>
                  </TableRow>
                )}
                {log.data.deliveries.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell>
                      {d.eventType}
                      <Typography
                        variant="body2"
                        color="text.secondary"
                        sx={{ fontFamily: 'monospace' }}
                      >
                        {d.eventId}
                      </Typography>
                      <Typography variant="body2" color="text.secondary">
                        <FormattedDate iso={d.createdAt} seconds />
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <Status d={d} />
                    </TableCell>
                    <TableCell>{d.attempts}</TableCell>
                    <TableCell sx={{ maxWidth: 320, wordBreak: 'break-word' }}>
                      {d.lastAttemptAt ? (
                        <>
                          {d.lastStatus ?? 'No answer'}
                          {d.lastDurationMs !== null && ` · ${d.lastDurationMs} ms`}
                          {(d.lastError ?? d.lastResponse) && (
                            <Typography variant="body2" color="text.secondary">
                              {d.lastError ?? d.lastResponse}
                            </Typography>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                    <TableCell>
                      {d.nextAttemptAt ? <FormattedDate iso={d.nextAttemptAt} seconds /> : '—'}
                    </TableCell>
                    <TableCell>
                      {d.status !== 'pending' && (
                        <Button
                          size="small"
                          onClick={() => resend.mutate(d.id)}
                          aria-label={`Resend ${d.eventType} ${d.eventId}`}
                        >
                          Resend
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollableTable>
        )}
        {log.data && log.data.total > log.data.deliveries.length && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            The newest {log.data.deliveries.length} of {log.data.total} deliveries.
          </Typography>
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
