import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { type MouseEvent, useState } from 'react';
import type { SetupStatus } from '../../../../shared/api/setup-status';
import { CheckCircleIcon, RadioUncheckedIcon } from '../../../components/icons';
import { Link as RouterLink } from '../../../lib/router';
import { useSetupStatus } from '../api/get-setup-status';

/** The steps, in order; `card` is the id of the heading of the card that does it. */
export const SETUP_STEPS: Array<{ key: keyof SetupStatus; label: string; card: string }> = [
  { key: 'incomingKeys', label: 'Incoming keys saved and verified', card: 'incoming-keys' },
  { key: 'scimRequest', label: 'First SCIM request received from Okta', card: 'scim-provisioning' },
  {
    key: 'groupMapped',
    label: 'A directory group mapped to Basic or Pro',
    card: 'directory-groups',
  },
  { key: 'personSignedIn', label: 'First person signed in with Okta', card: '/users' },
];

/** In-page steps scroll to their card and move the focus to its heading, for keyboard users. */
function focusCard(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const heading = document.getElementById(id);
  if (!heading) return;
  event.preventDefault();
  heading.setAttribute('tabindex', '-1');
  heading.focus(); // which scrolls it into view
  window.history.replaceState(window.history.state, '', `#${id}`);
}

function Steps({ status }: { status: SetupStatus }) {
  return (
    <Box component="ol" sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', gap: 1 }}>
      {SETUP_STEPS.map(({ key, label, card }, i) => {
        const done = status[key];
        const page = card.startsWith('/');
        return (
          <Box component="li" key={key} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            {done ? (
              <CheckCircleIcon color="success" fontSize="small" aria-hidden />
            ) : (
              <RadioUncheckedIcon color="action" fontSize="small" aria-hidden />
            )}
            {page ? (
              <Link component={RouterLink} to={card}>
                {i + 1}. {label}
              </Link>
            ) : (
              <Link href={`#${card}`} onClick={(event) => focusCard(event, card)}>
                {i + 1}. {label}
              </Link>
            )}
            <Typography component="span" variant="body2" color="text.secondary">
              {done ? 'Done' : 'To do'}
            </Typography>
          </Box>
        );
      })}
    </Box>
  );
}

/** Top of the main page: the four setup steps and what is left; one line once all are done. */
export function SetupChecklist() {
  const { data: status } = useSetupStatus();
  const [expanded, setExpanded] = useState(false);
  if (!status) return null;
  const left = SETUP_STEPS.filter((s) => !status[s.key]).length;
  const complete = left === 0;
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="setup-steps"
      sx={{ p: { xs: 2, sm: 3 }, mb: 3 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
        <Typography id="setup-steps" variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          {complete ? 'Setup complete' : `Setup: ${left} of 4 steps left`}
        </Typography>
        {complete && (
          <Button
            size="small"
            aria-expanded={expanded}
            aria-controls="setup-step-list"
            onClick={() => setExpanded((shown) => !shown)}
          >
            {expanded ? 'Hide steps' : 'Show steps'}
          </Button>
        )}
      </Box>
      {(!complete || expanded) && (
        <Box id="setup-step-list" sx={{ mt: 1.5 }}>
          <Steps status={status} />
        </Box>
      )}
    </Paper>
  );
}
