/**
 * Our own console strings (keys under `ikou.*`), English. react-admin's own `ra.*` strings come from
 * ra-language-english; see providers/i18nProvider.ts.
 *
 * This object defines the shape every other locale must match (see `IkouMessages`).
 */
export const en = {
  ikou: {
    app: {
      title: 'Ikou console',
    },
    locale: {
      ja: '日本語',
      en: 'English',
    },
    menu: {
      status: 'System status',
    },
    auth: {
      title: 'Staff sign-in',
      email: 'Email address',
      password: 'Password',
      submit: 'Next',
      language: 'Language',
      signing_in_as: 'Signing in as %{email}',
      restart: 'Back to email and password',
      code: {
        label: '6-digit code',
        hint: 'Digits only (e.g. 123456). The code changes every 30 seconds.',
        submit: 'Sign in',
      },
      challenge: {
        title: 'Two-step verification',
        intro: 'Enter the 6-digit code your authenticator app shows for the Ikou console.',
      },
      enroll: {
        title: 'Set up your authenticator app',
        required:
          'Console staff enter a code from an authenticator app at every sign-in (Google Authenticator, Microsoft Authenticator or similar, on your work device). Set it up once now.',
        scan: 'In the app, choose to scan a QR code and scan this one.',
        qr_alt: 'QR code that sets up the authenticator app',
        manual: 'If you cannot scan it, add an account by hand (time-based) with this setup key:',
        secret_label: 'Setup key',
        copy: 'Copy',
        copied: 'Copied',
        copy_failed: 'Could not copy: please note the key down.',
        enter_code: 'Then enter the 6-digit code the app shows.',
      },
      error: {
        invalid_credentials: 'Email address or password is incorrect.',
        invalid_input: 'Please check what you entered.',
        invalid_code: 'The code is not correct. Enter the code the app shows now.',
        code_format: 'Enter the 6 digits the app shows.',
        flow_expired:
          'This sign-in has ended (after 10 minutes, or 5 wrong codes). Please enter your email address and password again.',
        rate_limited: 'Too many attempts. Please try again after %{time}.',
        too_many_attempts: 'Too many attempts. Please wait a while and try again.',
        unavailable: 'Sign-in is not available right now. Please try again later.',
      },
    },
    role: {
      agent: 'Agent',
      supervisor: 'Supervisor',
      admin: 'Administrator',
    },
    staff_menu: {
      label: 'Signed-in staff member: %{name}',
    },
    dashboard: {
      title: 'Dashboard',
      intro: 'Back office for the InfoSphere login-account migration.',
    },
    status_page: {
      title: 'System status',
    },
    ready: {
      title: 'System status',
      state: {
        loading: 'Checking…',
        ok: 'Operational',
        error: 'Degraded',
      },
      component: {
        database: 'PostgreSQL',
        redis: 'Redis',
      },
      check: {
        up: 'up',
        down: 'down',
      },
      unreachable: 'The status endpoint could not be reached.',
      checked_at: 'Checked at %{time}',
      refresh: 'Check again',
    },
  },
};

type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

/** The shape of our own messages: same keys as `en`, any string values. */
export type IkouMessages = Catalogue<typeof en>;
