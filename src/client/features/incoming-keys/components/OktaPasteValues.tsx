import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ConsoleSettings } from '../../../../shared/api/settings';
import { CopyButton } from '../../../components/CopyButton';

/** The two addresses the admin pastes into the Okta application's settings. */
export function OktaPasteValues({ settings }: { settings: ConsoleSettings }) {
  const values = [
    { label: 'Login Redirect URI', value: settings.loginRedirectUri },
    { label: 'Initiate Login URI', value: settings.initiateLoginUri },
  ];
  return (
    <Box component="dl" sx={{ m: 0 }}>
      {values.map(({ label, value }) => (
        <Box key={label} sx={{ mb: 1.5 }}>
          <Typography component="dt" variant="subtitle2">
            {label}
          </Typography>
          <Box
            component="dd"
            sx={{ m: 0, display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}
          >
            <Box component="code" sx={{ fontSize: 'body2.fontSize', wordBreak: 'break-all' }}>
              {value}
            </Box>
            <CopyButton label={label} value={value} />
          </Box>
        </Box>
      ))}
    </Box>
  );
}
