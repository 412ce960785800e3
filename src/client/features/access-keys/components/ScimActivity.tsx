import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ScimSummary } from '../../../../shared/api/scim-summary';
import { formatCount } from '../../../../shared/text';
import { Badge } from '../../../components/Badge';
import { FormattedDate } from '../../../components/FormattedDate';
import { useLocaleText } from '../../../lib/reader-settings';
import { provisioningActionLabels } from '../../activity/utils/labels';
import { relativeTime } from '../utils/relative-time';

const stat = {
  border: 1,
  borderColor: 'divider',
  borderRadius: 1,
  px: 2,
  py: 1.5,
  minWidth: 140,
  flex: '1 1 0',
} as const;

/**
 * What Okta has pushed and its latest request. `now` is when the summary was fetched, so the
 * relative time moves on with each refresh without a timer of its own.
 */
export function ScimActivity({ summary, now }: { summary: ScimSummary; now: number }) {
  const stats = [
    { label: 'Active users', value: summary.users.active },
    { label: 'Deactivated users', value: summary.users.deactivated },
    { label: 'Groups', value: summary.groups },
  ];
  const last = summary.lastRequest;
  const { reader, text } = useLocaleText();
  return (
    <>
      <Box component="dl" sx={{ m: 0, display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        {stats.map(({ label, value }) => (
          <Box key={label} sx={stat}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" variant="h5" sx={{ m: 0, fontWeight: 600 }}>
              {formatCount(value)}
            </Typography>
          </Box>
        ))}
      </Box>
      <Box component="dl" sx={{ m: 0 }}>
        <Typography component="dt" variant="subtitle2">
          Last SCIM request
        </Typography>
        <Box component="dd" sx={{ m: 0 }}>
          {last ? (
            <>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                <Typography component="span" sx={{ fontWeight: 600 }}>
                  {provisioningActionLabels[last.action]}
                </Typography>
                <Box component="code" sx={{ fontSize: 'body2.fontSize', wordBreak: 'break-all' }}>
                  {last.method} {last.path}
                </Box>
                <Badge
                  variant="outlined"
                  color={last.status < 400 ? 'success' : 'error'}
                  label={`HTTP ${last.status}`}
                />
              </Box>
              <Typography variant="body2" color="text.secondary">
                {text(`relative|${last.at}|${now}`, () =>
                  relativeTime(last.at, now, reader.locale),
                )}{' '}
                (<FormattedDate iso={last.at} />)
              </Typography>
            </>
          ) : (
            <Typography color="text.secondary">No request from Okta yet</Typography>
          )}
        </Box>
      </Box>
    </>
  );
}
