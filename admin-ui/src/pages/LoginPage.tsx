import { Box, CardContent, Divider, Typography } from '@mui/material';
import {
  email,
  LocalesMenuButton,
  Login,
  LoginForm,
  PasswordInput,
  required,
  TextInput,
  useTranslate,
} from 'react-admin';
import { ReadyState } from '../system/ReadyState';

/**
 * Staff sign-in: email and password (TOTP comes with the staff MFA issue). Failures are notified by
 * LoginForm with the message key authProvider.login() throws. The system status is shown here too, so
 * it can be seen without signing in.
 */
export const LoginPage = () => {
  const translate = useTranslate();
  return (
    <Login>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', px: 1 }}>
        <LocalesMenuButton />
      </Box>
      <Typography component="h1" variant="h6" align="center">
        {translate('ikou.auth.title')}
      </Typography>
      <LoginForm>
        <TextInput
          autoFocus
          source="email"
          type="email"
          label="ikou.auth.email"
          autoComplete="username"
          validate={[required(), email()]}
        />
        <PasswordInput
          source="password"
          label="ikou.auth.password"
          autoComplete="current-password"
          validate={required()}
        />
      </LoginForm>
      <Divider />
      <CardContent sx={{ width: 300 }}>
        <ReadyState />
      </CardContent>
    </Login>
  );
};
