import { Box, Typography } from '@mui/material';
import {
  LocalesMenuButton,
  Login,
  LoginForm,
  PasswordInput,
  required,
  TextInput,
  useTranslate,
} from 'react-admin';

/** react-admin's sign-in page, plus the optional one-time code and the language menu. */
export function LoginPage() {
  const translate = useTranslate();
  return (
    <Login>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', px: 2, pt: 1 }}>
        <Typography variant="subtitle2" component="h1">
          {translate('register.title')}
        </Typography>
        <LocalesMenuButton />
      </Box>
      <LoginForm>
        <TextInput
          autoFocus
          source="username"
          label="ra.auth.username"
          autoComplete="username"
          validate={required()}
        />
        <PasswordInput
          source="password"
          label="ra.auth.password"
          autoComplete="current-password"
          validate={required()}
        />
        <TextInput
          source="totpCode"
          label="register.login.totpCode"
          autoComplete="one-time-code"
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6 } }}
        />
      </LoginForm>
    </Login>
  );
}
