import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Box, Button, CardContent, CircularProgress, Divider, Stack, TextField, Typography } from '@mui/material';
import { Login, LoginClasses, useLocales, useLocaleState, useLogin, useTranslate } from 'react-admin';
import type { CodeStep, TotpEnrollment } from '../providers/authProvider';
import { ReadyState } from '../system/ReadyState';
import { restart, setField, submitCode, submitPassword, useSignInFlow, type FlowMessage } from './signInFlow';

/**
 * Staff sign-in (docs/api-console.md): email and password, then the authenticator app's code, set up at
 * the first sign-in (domain.md §2: TOTP is mandatory for staff). The steps' state lives in signInFlow.ts;
 * the code goes through react-admin's useLogin, which redirects into the console. The system status is
 * shown here too, so it can be seen without signing in.
 */
export const LoginPage = () => {
  const translate = useTranslate();
  const flow = useSignInFlow();
  return (
    // react-admin's page is one screen high and its card may shrink (and clip, overflow hidden): the
    // enrollment step is taller than a laptop screen, so the card keeps its height and the page scrolls.
    <Login sx={{ height: 'auto', [`& .${LoginClasses.card}`]: { flexShrink: 0, mb: 6 } }}>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', px: 1 }}>
        <LocaleSwitch />
      </Box>
      <Typography component="h1" variant="h6" align="center">
        {translate('ikou.auth.title')}
      </Typography>
      <CardContent sx={{ width: { xs: 'auto', sm: 380 }, maxWidth: '100%', boxSizing: 'border-box' }}>
        {flow.step === 'password' ? <PasswordStep /> : <CodeStepForm step={flow.step} />}
      </CardContent>
      <Divider />
      <CardContent sx={{ width: { xs: 'auto', sm: 380 }, boxSizing: 'border-box' }}>
        <ReadyState />
      </CardContent>
    </Login>
  );
};

/** 日本語 | English, each name in its own language; the default (ja) comes from i18nProvider. */
const LocaleSwitch = () => {
  const translate = useTranslate();
  const locales = useLocales();
  const [locale, setLocale] = useLocaleState();
  return (
    <Stack direction="row" spacing={0.5} role="group" aria-label={translate('ikou.auth.language')}>
      {locales.map(({ locale: code, name }) => (
        <Button
          key={code}
          size="small"
          lang={code}
          aria-pressed={code === locale}
          disabled={code === locale}
          data-testid={`staff-locale-${code}`}
          onClick={() => setLocale(code)}
        >
          {name}
        </Button>
      ))}
    </Stack>
  );
};

const FlowError = ({ error }: { error?: FlowMessage }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!error) return null;
  const time = error.retryAt?.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  return (
    <Typography
      role="alert"
      variant="body2"
      data-testid="staff-error"
      data-code={error.code}
      sx={{ mb: 2, p: 1.5, borderRadius: 1, color: 'error.main', border: 1, borderColor: 'error.main' }}
    >
      {translate(error.key, { time })}
    </Typography>
  );
};

const SubmitButton = ({ testId, pending, children }: { testId: string; pending: boolean; children: ReactNode }) => (
  <Button
    type="submit"
    variant="contained"
    fullWidth
    disabled={pending}
    data-testid={testId}
    startIcon={pending ? <CircularProgress size={18} color="inherit" /> : undefined}
    sx={{ mt: 1 }}
  >
    {children}
  </Button>
);

const onSubmit = (action: () => unknown) => (event: FormEvent) => {
  event.preventDefault();
  void action();
};

const PasswordStep = () => {
  const translate = useTranslate();
  const flow = useSignInFlow();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // After a refusal, the focus goes where the correction is to be made.
  useEffect(() => {
    if (flow.refusals === 0) return;
    if (flow.invalid.email) emailRef.current?.focus();
    else passwordRef.current?.focus();
  }, [flow.refusals, flow.invalid.email]);

  return (
    <Box component="form" noValidate onSubmit={onSubmit(submitPassword)}>
      <FlowError error={flow.error} />
      <Stack spacing={2}>
        <TextField
          autoFocus={!flow.email}
          inputRef={emailRef}
          label={translate('ikou.auth.email')}
          type="email"
          autoComplete="username"
          required
          fullWidth
          value={flow.email}
          onChange={(event) => setField('email', event.target.value)}
          error={Boolean(flow.invalid.email)}
          helperText={flow.invalid.email ? translate(flow.invalid.email) : undefined}
          slotProps={{ htmlInput: { 'data-testid': 'staff-email', spellCheck: false, autoCapitalize: 'off' } }}
        />
        <TextField
          autoFocus={Boolean(flow.email)}
          inputRef={passwordRef}
          label={translate('ikou.auth.password')}
          type="password"
          autoComplete="current-password"
          required
          fullWidth
          value={flow.password}
          onChange={(event) => setField('password', event.target.value)}
          error={Boolean(flow.invalid.password)}
          helperText={flow.invalid.password ? translate(flow.invalid.password) : undefined}
          slotProps={{ htmlInput: { 'data-testid': 'staff-password' } }}
        />
        <SubmitButton testId="staff-submit" pending={flow.pending}>
          {translate('ikou.auth.submit')}
        </SubmitButton>
      </Stack>
    </Box>
  );
};

const CodeStepForm = ({ step }: { step: CodeStep }) => {
  const translate = useTranslate();
  const flow = useSignInFlow();
  const login = useLogin();
  const codeRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (flow.refusals > 0) codeRef.current?.focus();
  }, [flow.refusals]);

  return (
    <Box component="form" noValidate onSubmit={onSubmit(() => submitCode(login))}>
      <Typography component="h2" variant="subtitle1" gutterBottom>
        {translate(step.state === 'totp_enroll' ? 'ikou.auth.enroll.title' : 'ikou.auth.challenge.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, overflowWrap: 'anywhere' }} data-testid="staff-signing-in-as">
        {translate('ikou.auth.signing_in_as', { email: flow.email })}
      </Typography>
      <FlowError error={flow.error} />
      {step.state === 'totp_enroll' ? (
        <TotpSetup enrollment={step.enrollment} />
      ) : (
        <Typography variant="body2" sx={{ mb: 2 }}>
          {translate('ikou.auth.challenge.intro')}
        </Typography>
      )}
      <Stack spacing={2}>
        <TextField
          autoFocus={step.state === 'totp_challenge'}
          inputRef={codeRef}
          label={translate('ikou.auth.code.label')}
          required
          fullWidth
          value={flow.code}
          onChange={(event) => setField('code', event.target.value)}
          error={Boolean(flow.invalid.code)}
          helperText={translate(flow.invalid.code ?? 'ikou.auth.code.hint')}
          slotProps={{
            htmlInput: {
              'data-testid': 'staff-code',
              inputMode: 'numeric',
              autoComplete: 'one-time-code',
              autoCapitalize: 'off',
              spellCheck: false,
              maxLength: 12,
            },
          }}
        />
        <SubmitButton testId="staff-code-submit" pending={flow.pending}>
          {translate('ikou.auth.code.submit')}
        </SubmitButton>
        <Button variant="text" size="small" onClick={restart} disabled={flow.pending} data-testid="staff-restart">
          {translate('ikou.auth.restart')}
        </Button>
      </Stack>
    </Box>
  );
};

/** The QR code from the API (a data: URL, so no QR library here) and the setup key for manual entry. */
const TotpSetup = ({ enrollment }: { enrollment: TotpEnrollment }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="body2" sx={{ mb: 2, p: 1.5, borderRadius: 1, bgcolor: 'action.hover' }}>
        {translate('ikou.auth.enroll.required')}
      </Typography>
      <Typography variant="body2">{translate('ikou.auth.enroll.scan')}</Typography>
      <Box sx={{ display: 'flex', justifyContent: 'center', my: 1 }}>
        <img
          src={enrollment.qrDataUrl}
          alt={translate('ikou.auth.enroll.qr_alt')}
          width={200}
          height={200}
          data-testid="staff-totp-qr"
        />
      </Box>
      <Typography variant="body2">{translate('ikou.auth.enroll.manual')}</Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 1 }} useFlexGap>
        <Typography variant="body2" component="span">
          {translate('ikou.auth.enroll.secret_label')}:
        </Typography>
        <SecretKey secret={enrollment.secret} />
        <CopyButton text={enrollment.secret} />
      </Stack>
      <Typography variant="body2" sx={{ mt: 2 }}>
        {translate('ikou.auth.enroll.enter_code')}
      </Typography>
    </Box>
  );
};

/** In blocks of four, as authenticator apps accept it with or without the spaces. */
const SecretKey = ({ secret }: { secret: string }) => (
  <Box
    component="code"
    data-testid="staff-totp-secret"
    data-secret={secret}
    sx={{ fontFamily: 'monospace', fontSize: '1rem', letterSpacing: '0.05em', overflowWrap: 'anywhere' }}
  >
    {(secret.match(/.{1,4}/g) ?? []).join(' ')}
  </Box>
);

const CopyButton = ({ text }: { text: string }) => {
  const translate = useTranslate();
  const [result, setResult] = useState<'copied' | 'copy_failed'>();
  useEffect(() => {
    if (result !== 'copied') return;
    const timer = window.setTimeout(() => setResult(undefined), 4000);
    return () => window.clearTimeout(timer);
  }, [result]);
  const copy = async () => {
    try {
      // navigator.clipboard is missing outside secure contexts: that is a failure to report, too.
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      setResult('copy_failed');
    }
  };
  return (
    <>
      <Button size="small" variant="outlined" onClick={() => void copy()}>
        {translate('ikou.auth.enroll.copy')}
      </Button>
      <Typography variant="caption" role="status" color={result === 'copy_failed' ? 'error' : 'text.secondary'}>
        {result ? translate(`ikou.auth.enroll.${result}`) : ''}
      </Typography>
    </>
  );
};
