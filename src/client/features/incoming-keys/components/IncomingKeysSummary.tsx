import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { IncomingKeysView } from '../../../../shared/api/incoming-keys';
import { Badge } from '../../../components/Badge';
import { FormattedDate } from '../../../components/FormattedDate';
import { useVerifyIncomingKeys } from '../api/verify-incoming-keys';
import { domainKindLabel, serverKindLabel } from '../utils/labels';

type StoredKeys = Extract<IncomingKeysView, { configured: true }>;

const term = { component: 'dt', variant: 'subtitle2' } as const;
const definition = { component: 'dd', sx: { m: 0, mb: 1.5, wordBreak: 'break-all' } } as const;

/** What is stored (never the secret itself), and "Verify now" to check it against Okta again. */
export function IncomingKeysSummary({
  keys,
  onVerified,
}: {
  keys: StoredKeys;
  onVerified(): void;
}) {
  const verify = useVerifyIncomingKeys();
  const domainLabel = domainKindLabel[keys.domainKind];

  return (
    <Box>
      <Box component="dl" sx={{ m: 0 }}>
        <Typography {...term}>Client ID</Typography>
        <Typography {...definition}>{keys.clientId}</Typography>
        <Typography {...term}>Issuer URI</Typography>
        <Typography {...definition}>
          {keys.issuerUri}
          {domainLabel && <Badge label={domainLabel} variant="outlined" sx={{ ml: 1 }} />}
        </Typography>
        <Typography {...term}>Authorization server</Typography>
        <Typography {...definition}>{serverKindLabel[keys.serverKind]}</Typography>
      </Box>
      <Typography>
        Client secret: set on <FormattedDate iso={keys.secretSetAt} />
      </Typography>
      <Typography sx={{ mb: 2 }}>
        Last verified: <FormattedDate iso={keys.verifiedAt} />
      </Typography>
      <Button
        variant="outlined"
        loading={verify.isPending}
        loadingPosition="start"
        onClick={() => verify.mutate(undefined, { onSuccess: onVerified })}
      >
        Verify now
      </Button>
      {verify.isError && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {verify.error.message}
        </Alert>
      )}
    </Box>
  );
}
