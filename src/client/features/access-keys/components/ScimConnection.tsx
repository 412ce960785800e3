import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { CopyButton } from '../../../components/CopyButton';

/** The SCIM base URL to paste into Okta, and where the access key goes. */
export function ScimConnection({ scimBaseUrl }: { scimBaseUrl: string }) {
  return (
    <>
      <Box component="dl" sx={{ m: 0, mb: 1.5 }}>
        <Typography component="dt" variant="subtitle2">
          SCIM base URL
        </Typography>
        <Box
          component="dd"
          sx={{ m: 0, display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}
        >
          <Box component="code" sx={{ fontSize: 'body2.fontSize', wordBreak: 'break-all' }}>
            {scimBaseUrl}
          </Box>
          <CopyButton label="SCIM base URL" value={scimBaseUrl} />
        </Box>
      </Box>
      <Typography variant="body2" color="text.secondary">
        In Okta, open the <strong>SCIM Provisioning</strong> app, and on its{' '}
        <strong>Provisioning</strong> tab choose <strong>Configure API Integration</strong> and{' '}
        <strong>Enable API Integration</strong>. Paste an access key into the{' '}
        <strong>Okta API Token</strong> field (and the SCIM base URL where Okta asks for one),
        choose <strong>Test the Integration</strong>, then <strong>Save</strong>.
      </Typography>
    </>
  );
}
