import { defaultTheme, type RaThemeOptions } from 'react-admin';

/** react-admin's default look in Lesec's colours. */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: '#0b4f8a' },
    secondary: { main: '#0b4f8a' },
    background: { default: '#f4f6f9' },
  },
  shape: { borderRadius: 8 },
  sidebar: { width: 220, closedWidth: 56 },
};
