import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { WebhookDelivery } from '../../../../shared/api/webhooks';
import { ActionsHeaderCell } from '../../../components/ActionsHeaderCell';
import { Badge } from '../../../components/Badge';
import { FormattedDate } from '../../../components/FormattedDate';
import { PagedTableBody } from '../../../components/PagedTableBody';
import { ScrollableTable } from '../../../components/ScrollableTable';

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

function LastAnswer({ d }: { d: WebhookDelivery }) {
  if (!d.lastAttemptAt) return '—';
  return (
    <>
      {d.lastStatus ?? 'No answer'}
      {d.lastDurationMs !== null && ` · ${d.lastDurationMs} ms`}
      {(d.lastError ?? d.lastResponse) && (
        <Typography variant="body2" color="text.secondary">
          {d.lastError ?? d.lastResponse}
        </Typography>
      )}
    </>
  );
}

/** One page of an endpoint's deliveries, newest first, each with "Resend" once it ended. */
export function DeliveryLogTable({
  deliveries,
  busy,
  onResend,
}: {
  deliveries: WebhookDelivery[];
  /** The next page is loading: the rows shown are the previous page's. */
  busy: boolean;
  onResend(delivery: WebhookDelivery): void;
}) {
  return (
    <ScrollableTable>
      <Table size="small" aria-label="Delivery log" aria-busy={busy}>
        <TableHead>
          <TableRow>
            <TableCell>Event</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Attempts</TableCell>
            <TableCell>Last answer</TableCell>
            <TableCell>Next retry</TableCell>
            <ActionsHeaderCell />
          </TableRow>
        </TableHead>
        <PagedTableBody
          rows={deliveries.length}
          columns={6}
          busy={busy}
          empty={'Nothing sent yet. Changes from Okta and "Send test event" show here.'}
        >
          {deliveries.map((d) => (
            <TableRow key={d.id}>
              <TableCell>
                {d.eventType}
                <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
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
                <LastAnswer d={d} />
              </TableCell>
              <TableCell>
                {d.nextAttemptAt ? <FormattedDate iso={d.nextAttemptAt} seconds /> : '—'}
              </TableCell>
              <TableCell>
                {d.status !== 'pending' && (
                  <Button
                    size="small"
                    onClick={() => onResend(d)}
                    aria-label={`Resend ${d.eventType} ${d.eventId}`}
                  >
                    Resend
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </PagedTableBody>
      </Table>
    </ScrollableTable>
  );
}
