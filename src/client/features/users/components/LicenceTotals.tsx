import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import type { LicenceTotals as Totals } from '../../../../shared/api/users';
import { formatCount } from '../../../../shared/text';
import { Link as RouterLink } from '../../../lib/router';
import { useLicenceTotals } from '../api/get-licence-totals';
import { type UserFilters, usersLink } from '../utils/licence';

const TILES: { key: keyof Totals; label: string; filters: Partial<UserFilters> }[] = [
  { key: 'pro', label: 'Pro', filters: { licence: 'pro', status: 'active' } },
  { key: 'basic', label: 'Basic', filters: { licence: 'basic', status: 'active' } },
  { key: 'none', label: 'No licence', filters: { licence: 'none', status: 'active' } },
  { key: 'deactivated', label: 'Deactivated', filters: { status: 'deactivated' } },
];

/**
 * Seats at a glance: active users with Pro, Basic or no licence, and deactivated users (who hold
 * none). Each number links to the users view showing exactly those users.
 */
export function LicenceTotals({ headingLevel }: { headingLevel: 'h2' | 'h3' }) {
  const totals = useLicenceTotals();
  const id = useId();
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 2 }}>
      <Typography id={id} variant="h6" component={headingLevel} sx={{ mb: 1 }}>
        Licences
      </Typography>
      {totals.error && <Alert severity="error">{totals.error.message}</Alert>}
      <Box
        component="ul"
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: 'repeat(2, 1fr)', sm: 'repeat(4, 1fr)' },
          gap: 1,
          listStyle: 'none',
          p: 0,
          m: 0,
        }}
      >
        {TILES.map((tile) => (
          <li key={tile.key}>
            {totals.data ? (
              <Link
                component={RouterLink}
                to={usersLink(tile.filters)}
                underline="hover"
                sx={{
                  display: 'block',
                  border: 1,
                  borderColor: 'divider',
                  borderRadius: 1,
                  px: 2,
                  py: 1,
                }}
              >
                <Box component="span" sx={{ display: 'block', typography: 'h5', fontWeight: 600 }}>
                  {formatCount(totals.data[tile.key])}
                </Box>
                <Box component="span" sx={{ display: 'block', typography: 'body2' }}>
                  {tile.label}
                </Box>
              </Link>
            ) : (
              <Skeleton variant="rounded" height={64} />
            )}
          </li>
        ))}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        Active users by licence. Deactivated users hold no seat.
      </Typography>
    </Box>
  );
}
