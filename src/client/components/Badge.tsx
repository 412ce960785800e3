import Box from '@mui/material/Box';
import type { SxProps, Theme } from '@mui/material/styles';

export type BadgeColor = 'default' | 'primary' | 'success' | 'error' | 'warning' | 'info';

/**
 * A small status label that looks like MUI's small Chip but is a plain span: Chip's module (about
 * 10 KB gzip, with ButtonBase and a delete icon) is not needed for text that nobody clicks.
 * Outlined text uses the colour's dark shade (or the text colour for warning, whose orange is too
 * pale on white), so it keeps 4.5:1 contrast.
 */
export function Badge({
  label,
  color = 'default',
  variant = 'filled',
  wrap = false,
  sx,
}: {
  label: string;
  color?: BadgeColor;
  variant?: 'filled' | 'outlined';
  /** Long labels wrap in their cell instead of overflowing it. */
  wrap?: boolean;
  sx?: SxProps<Theme>;
}) {
  const outlined = variant === 'outlined';
  const hue = color === 'default' ? undefined : color;
  return (
    <Box
      component="span"
      sx={[
        {
          display: 'inline-flex',
          alignItems: 'center',
          minHeight: 24,
          px: 1,
          py: wrap ? 0.25 : 0,
          borderRadius: '12px',
          fontSize: '0.8125rem',
          lineHeight: 1.4,
          whiteSpace: wrap ? 'normal' : 'nowrap',
          verticalAlign: 'middle',
          border: '1px solid',
          borderColor: outlined ? (hue ? `${hue}.main` : 'divider') : 'transparent',
          bgcolor: outlined ? 'transparent' : hue ? `${hue}.main` : 'action.selected',
          color: outlined
            ? hue && hue !== 'warning'
              ? `${hue}.dark`
              : 'text.primary'
            : hue
              ? `${hue}.contrastText`
              : 'text.primary',
        },
        ...(Array.isArray(sx) ? sx : [sx]),
      ]}
    >
      {label}
    </Box>
  );
}
