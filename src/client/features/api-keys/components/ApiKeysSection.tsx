import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useState } from 'react';
import type { ApiKeyView } from '../../../../shared/api/api-keys';
import { ActionsHeaderCell } from '../../../components/ActionsHeaderCell';
import { Badge } from '../../../components/Badge';
import { FormattedDate } from '../../../components/FormattedDate';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { useApiKeys } from '../api/list-api-keys';

const loadCreate = () => import('./CreateApiKeyDialog');
const CreateApiKeyDialog = lazy(loadCreate);
const loadRevoke = () => import('./RevokeApiKeyDialog');
const RevokeApiKeyDialog = lazy(loadRevoke);

/**
 * Read-only API keys for the application's backend (GET /api/v1/events, users, groups). A
 * self-contained section: it belongs on the Applications page, and works on any page.
 */
export function ApiKeysSection() {
  const keys = useApiKeys();
  const [create, setCreate] = useState({ open: false, key: 0 });
  const [revoke, setRevoke] = useState<{ open: boolean; key: number; target?: ApiKeyView }>({
    open: false,
    key: 0,
  });
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="api-keys"
      sx={{ p: { xs: 2, sm: 3 } }}
    >
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography id="api-keys" variant="h5" component="h2" sx={{ flexGrow: 1 }}>
          API keys
        </Typography>
        <Button
          variant="contained"
          onPointerEnter={loadCreate}
          onFocus={loadCreate}
          onClick={() => setCreate(({ key }) => ({ open: true, key: key + 1 }))}
        >
          Create API key
        </Button>
      </Box>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        The application's backend reads events, users and groups with a key, read-only:{' '}
        <code>Authorization: Bearer osc_api_…</code> on <code>/api/v1</code>.
      </Typography>
      {keys.error && <Alert severity="error">{keys.error.message}</Alert>}
      {keys.isPending && <Skeleton variant="rounded" height={72} />}
      {keys.data && (
        <ScrollableTable>
          <Table size="small" aria-labelledby="api-keys">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Key</TableCell>
                <TableCell>Created</TableCell>
                <TableCell>Last used</TableCell>
                <TableCell>Status</TableCell>
                <ActionsHeaderCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {keys.data.keys.length === 0 && (
                <TableRow>
                  <TableCell colSpan={6}>
                    <Typography variant="body2" color="text.secondary">
                      No API keys yet.
                    </Typography>
                  </TableCell>
                </TableRow>
              )}
              {keys.data.keys.map((k) => (
                <TableRow key={k.id}>
                  <TableCell>{k.name}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                    {k.prefix}…
                  </TableCell>
                  <TableCell>
                    <FormattedDate iso={k.createdAt} />
                    <Typography variant="body2" color="text.secondary">
                      {k.createdBy}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {k.lastUsedAt ? <FormattedDate iso={k.lastUsedAt} /> : 'Never'}
                  </TableCell>
                  <TableCell>
                    {k.active ? (
                      <Badge color="success" variant="outlined" label="Active" />
                    ) : (
                      <Badge label="Revoked" />
                    )}
                  </TableCell>
                  <TableCell>
                    {k.active && (
                      <Button
                        size="small"
                        color="error"
                        aria-label={`Revoke ${k.name}`}
                        onClick={() => {
                          void loadRevoke();
                          setRevoke(({ key }) => ({ open: true, key: key + 1, target: k }));
                        }}
                      >
                        Revoke
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollableTable>
      )}
      <Suspense fallback={null}>
        {create.key > 0 && (
          <CreateApiKeyDialog
            key={create.key}
            open={create.open}
            onClose={() => setCreate((c) => ({ ...c, open: false }))}
          />
        )}
      </Suspense>
      <Suspense fallback={null}>
        {revoke.target && (
          <RevokeApiKeyDialog
            key={revoke.key}
            open={revoke.open}
            apiKey={revoke.target}
            onClose={() => setRevoke((r) => ({ ...r, open: false }))}
          />
        )}
      </Suspense>
    </Paper>
  );
}
