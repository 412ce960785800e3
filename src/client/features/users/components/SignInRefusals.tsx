import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { FormattedDate } from '../../../components/FormattedDate';
import { RECENT_REFUSALS, useRecentRefusals } from '../api/list-sign-in-events';
import { refusalText } from '../utils/refusal-reasons';

/** The latest refused end-user sign-ins, each with why, so the admin knows what to fix in Okta. */
export function SignInRefusals() {
  const refusals = useRecentRefusals();
  const events = refusals.data?.events ?? [];
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="sign-in-refusals"
      sx={{ p: { xs: 2, sm: 3 }, mt: 3 }}
    >
      <Typography id="sign-in-refusals" variant="h5" component="h2" sx={{ mb: 1 }}>
        Recent sign-in refusals
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        The latest sign-ins that were refused (up to {RECENT_REFUSALS}), newest first, with why.
      </Typography>
      {refusals.error && <Alert severity="error">{refusals.error.message}</Alert>}
      {refusals.isPending && <Skeleton variant="rounded" height={80} />}
      {refusals.data && events.length === 0 && (
        <Typography variant="body2">Nobody has been refused recently.</Typography>
      )}
      {events.length > 0 && (
        <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
          {events.map((event) => (
            <Box
              component="li"
              key={event.id}
              sx={{
                py: 1,
                borderTop: 1,
                borderColor: 'divider',
                '&:first-of-type': { borderTop: 0 },
              }}
            >
              <Typography component="p" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                {event.login ?? 'Someone Okta did not name'}
                <Typography component="span" variant="body2" color="text.secondary">
                  {' · '}
                  <FormattedDate iso={event.at} />
                </Typography>
              </Typography>
              <Typography variant="body2">{refusalText(event)}</Typography>
            </Box>
          ))}
        </Box>
      )}
    </Paper>
  );
}
