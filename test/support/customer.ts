import { DEMO_LEGACY_PASSWORD, passwordLinkToken, registrationClient } from './legacy-api';
import { totp } from './totp';
import type { SmtpSink } from './smtp-sink';

/** A customer who registered a demo network ID and set a password through the public API and mail. */
export async function registeredCustomer(baseUrl: string, sink: SmtpSink, networkId: string, email: string, password: string) {
  const api = registrationClient(baseUrl);
  const check = await api.legacyCheck(networkId, DEMO_LEGACY_PASSWORD);
  if (check.status !== 200) throw new Error(`legacy check failed: ${check.text}`);
  await api.complete(check.body.flowToken, email);
  const mail = await sink.waitFor((m) => m.to === email);
  const set = await api.setPassword(passwordLinkToken(mail.text), password);
  if (set.status !== 200) throw new Error(`password set failed: ${set.text}`);
  return { email, password };
}

/** A cookie jar of one: enough for a browser-like client of one origin. */
export class CookieJar {
  private cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair.split('=');
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('=').trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  delete(name: string): void {
    this.cookies.delete(name);
  }
}

/** A cookie-carrying JSON client of the app, as a browser tab would be. */
export function browserLikeClient(baseUrl: string, jar = new CookieJar()) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), cookie: jar.header(), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    jar.store(res);
    const text = await res.text();
    let parsed: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      parsed = JSON.parse(text);
    } catch {
      // empty or not JSON
    }
    return { status: res.status, body: parsed };
  };
  return { jar, call, post: (path: string, body: unknown, headers?: Record<string, string>) => call('POST', path, body, headers) };
}

/**
 * Signs a registered customer in for the first time over the API, enrolling an authenticator app (the
 * code computed independently of the app) and acknowledging the recovery code: a signed-in client and
 * the CSRF header its writes need.
 */
export async function firstSignIn(baseUrl: string, email: string, password: string, now: () => number = Date.now) {
  const client = browserLikeClient(baseUrl);
  const step = await client.post('/api/customer/login/password', { email, password });
  if (step.status !== 200) throw new Error(`password step failed: ${JSON.stringify(step.body)}`);
  const start = await client.post('/api/customer/login/enroll/totp/start', { flowToken: step.body.flowToken });
  await client.post('/api/customer/login/enroll/totp/confirm', { flowToken: step.body.flowToken, factorId: start.body.factorId, code: totp(start.body.secret, now()) });
  const done = await client.post('/api/customer/login/recovery-ack', { flowToken: step.body.flowToken, recorded: true });
  if (done.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(done.body)}`);
  return { client, csrf: { 'x-csrf-token': done.body.csrfToken as string }, secret: start.body.secret as string };
}

/** A later sign-in of a customer who enrolled an authenticator app with `secret`. */
export async function signInWithTotp(baseUrl: string, email: string, password: string, secret: string, now: () => number = Date.now) {
  const client = browserLikeClient(baseUrl);
  const step = await client.post('/api/customer/login/password', { email, password });
  const done = await client.post('/api/customer/login/challenge/totp', { flowToken: step.body.flowToken, code: totp(secret, now()) });
  if (done.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(done.body)}`);
  return { client, csrf: { 'x-csrf-token': done.body.csrfToken as string }, secret };
}

/**
 * Signs a staff member in to the console over the API (first time: enrolls the authenticator; later:
 * `secret` answers the challenge, at `now`). Returns a cookie-carrying client and the CSRF header.
 */
export async function staffSignIn(baseUrl: string, email: string, password: string, options: { secret?: string; now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const client = browserLikeClient(baseUrl);
  const step = await client.post('/api/console/auth/password', { email, password });
  if (step.status !== 200) throw new Error(`staff password step failed: ${JSON.stringify(step.body)}`);
  const secret = (step.body.state === 'totp_enroll' ? step.body.enrollment.secret : options.secret) as string;
  const path = step.body.state === 'totp_enroll' ? '/api/console/auth/totp/enroll' : '/api/console/auth/totp/challenge';
  const done = await client.post(path, { flowToken: step.body.flowToken, code: totp(secret, now()) });
  if (done.status !== 200) throw new Error(`staff sign-in failed: ${JSON.stringify(done.body)}`);
  return { client, csrf: { 'x-csrf-token': done.body.csrfToken as string }, secret };
}
