import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { WebhookEndpointView } from '../../../../shared/api/webhooks';
import { ActionsHeaderCell } from '../../../components/ActionsHeaderCell';
import { Badge } from '../../../components/Badge';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { EVENT_TYPE_LABELS } from './EventTypesControl';

export interface WebhookActions {
  onLog(endpoint: WebhookEndpointView): void;
  onToggle(endpoint: WebhookEndpointView): void;
  onRemove(endpoint: WebhookEndpointView): void;
}

/** Each endpoint: where, what it hears, whether it is on, and its actions. */
export function WebhooksTable({
  endpoints,
  labelledBy,
  busyId,
  actions,
}: {
  endpoints: WebhookEndpointView[];
  labelledBy: string;
  /** The endpoint being enabled or disabled. */
  busyId?: number;
  actions: WebhookActions;
}) {
  return (
    <ScrollableTable>
      <Table size="small" aria-labelledby={labelledBy}>
        <TableHead>
          <TableRow>
            <TableCell>Endpoint</TableCell>
            <TableCell>Event types</TableCell>
            <TableCell>Status</TableCell>
            <ActionsHeaderCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {endpoints.length === 0 && (
            <TableRow>
              <TableCell colSpan={4}>
                <Typography color="text.secondary" variant="body2">
                  No endpoints yet. Add the application's webhook URL to send it events.
                </Typography>
              </TableCell>
            </TableRow>
          )}
          {endpoints.map((e) => (
            <TableRow key={e.id}>
              <TableCell sx={{ wordBreak: 'break-all', minWidth: 200 }}>
                <Box component="span" sx={{ fontFamily: 'monospace' }}>
                  {e.url}
                </Box>
                {e.description && (
                  <Typography variant="body2" color="text.secondary">
                    {e.description}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <Typography variant="body2">
                  {e.eventTypes.map((t) => EVENT_TYPE_LABELS[t]).join(', ')}
                </Typography>
              </TableCell>
              <TableCell sx={{ minWidth: 140 }}>
                {e.enabled ? (
                  <Badge color="success" variant="outlined" label="Enabled" />
                ) : (
                  <Badge color={e.disabledReason ? 'warning' : 'default'} label="Disabled" />
                )}
                {e.pending > 0 && (
                  <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                    {e.pending} to send
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', justifyContent: 'flex-end' }}>
                  <Button
                    size="small"
                    onClick={() => actions.onLog(e)}
                    aria-label={`Deliveries of ${e.url}`}
                  >
                    Deliveries
                  </Button>
                  <Button
                    size="small"
                    loading={busyId === e.id}
                    onClick={() => actions.onToggle(e)}
                    aria-label={`${e.enabled ? 'Disable' : 'Enable'} ${e.url}`}
                  >
                    {e.enabled ? 'Disable' : 'Enable'}
                  </Button>
                  <Button
                    size="small"
                    color="error"
                    onClick={() => actions.onRemove(e)}
                    aria-label={`Remove ${e.url}`}
                  >
                    Remove
                  </Button>
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollableTable>
  );
}
