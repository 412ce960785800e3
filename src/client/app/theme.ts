import { createTheme } from '@mui/material/styles';

/** System fonts: nothing to download before the first paint. */
export const theme = createTheme({
  palette: {
    primary: { main: '#1d4ed8' },
    background: { default: '#f6f7f9' },
  },
  typography: {
    fontFamily:
      'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  },
  shape: { borderRadius: 8 },
  components: {
    // Sentence case reads better and matches the wording of the setup guide.
    MuiButton: { styleOverrides: { root: { textTransform: 'none', fontWeight: 600 } } },
  },
});
