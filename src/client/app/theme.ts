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
    // Each input would render the keyframes by which MUI sees the browser autofill it as a global
    // style of its own; a page the server rendered has them once, and the browser then inserted
    // them again for the second input, restyling the whole page. AppProviders renders them once
    // (AUTOFILL_KEYFRAMES) and the inputs keep the animation that MUI listens for.
    MuiInputBase: {
      defaultProps: { disableInjectingGlobalStyles: true },
      styleOverrides: {
        input: {
          animationName: 'mui-auto-fill-cancel',
          animationDuration: '10ms',
          '&:-webkit-autofill': { animationDuration: '5000s', animationName: 'mui-auto-fill' },
        },
      },
    },
  },
});

/** MUI's own keyframes for that (InputBase), non-empty so that emotion keeps them. */
export const AUTOFILL_KEYFRAMES = {
  '@keyframes mui-auto-fill': { from: { animationName: 'mui-auto-fill' } },
  '@keyframes mui-auto-fill-cancel': { from: { animationName: 'mui-auto-fill-cancel' } },
};
