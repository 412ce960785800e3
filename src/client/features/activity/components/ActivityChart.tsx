import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import type { ActivityChart as Chart } from '../../../../shared/api/activity';
import { FormattedDate } from '../../../components/FormattedDate';
import { visuallyHidden } from '../../../components/visually-hidden';
import { useFormatDate } from '../../../lib/reader-settings';
import { summarizeChart } from '../utils/chart';
import { plural } from '../utils/labels';

const BAR = 3;
const GAP = 1;
const HEIGHT = 60;

function Swatch({ color, label }: { color: string; label: string }) {
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}>
      <Box component="span" sx={{ width: 12, height: 12, bgcolor: color, borderRadius: 0.5 }} />
      {label}
    </Box>
  );
}

/**
 * Requests per bucket as stacked bars, successes below errors: a plain SVG, no chart library.
 * Screen readers get its summary as the image's name and the numbers day by day in a table.
 */
export function ActivityChart({ chart }: { chart: Chart }) {
  const { palette } = useTheme();
  const formatDate = useFormatDate();
  const summary = summarizeChart(chart, (iso) => formatDate(iso, 'weekdayDay'));
  const caption = `${plural(summary.requests, 'request')}, ${plural(summary.errors, 'error')} in the last ${summary.span}`;
  const scale = summary.max === 0 ? 0 : HEIGHT / summary.max;
  const width = chart.buckets.length * (BAR + GAP);
  const first = chart.buckets[0];

  return (
    <Box component="figure" sx={{ m: 0 }}>
      <Typography component="figcaption" sx={{ mb: 1 }}>
        {caption}
      </Typography>
      <Box
        component="svg"
        role="img"
        aria-label={`Provisioning requests per hour, successes against errors: ${caption}.`}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        sx={{
          display: 'block',
          width: '100%',
          height: 96,
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        {chart.buckets.map((bucket, i) => {
          const success = bucket.success * scale;
          const error = bucket.error * scale;
          const x = i * (BAR + GAP);
          return (
            <g key={bucket.start}>
              {success > 0 && (
                <rect
                  x={x}
                  y={HEIGHT - success}
                  width={BAR}
                  height={success}
                  fill={palette.success.main}
                />
              )}
              {error > 0 && (
                <rect
                  x={x}
                  y={HEIGHT - success - error}
                  width={BAR}
                  height={error}
                  fill={palette.error.main}
                />
              )}
            </g>
          );
        })}
      </Box>
      <Box
        sx={{
          display: 'flex',
          justifyContent: 'space-between',
          flexWrap: 'wrap',
          gap: 1,
          typography: 'body2',
          color: 'text.secondary',
          mt: 0.5,
        }}
      >
        <span>{first && <FormattedDate iso={first.start} />}</span>
        <Box component="span" sx={{ display: 'flex', gap: 2 }}>
          <Swatch color={palette.success.main} label="Successes" />
          <Swatch color={palette.error.main} label="Errors" />
        </Box>
        <span>Now</span>
      </Box>
      <Box component="table" sx={visuallyHidden}>
        <caption>Requests per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Successes</th>
            <th scope="col">Errors</th>
          </tr>
        </thead>
        <tbody>
          {summary.days.map((day) => (
            <tr key={day.start}>
              <th scope="row">{day.label}</th>
              <td>{day.success}</td>
              <td>{day.error}</td>
            </tr>
          ))}
        </tbody>
      </Box>
    </Box>
  );
}
