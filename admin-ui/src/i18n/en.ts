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
      error: {
        invalid_credentials: 'Email address or password is incorrect.',
        invalid_input: 'Please check the email address and password you entered.',
        too_many_attempts: 'Too many attempts. Please wait a while and try again.',
        unavailable: 'Sign-in is not available right now. Please try again later.',
      },
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
