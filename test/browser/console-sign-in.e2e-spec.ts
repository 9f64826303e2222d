import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../support/app-process';
import { startAppAndBrowser } from '../support/browser';
import { consoleUrl, DEMO_STAFF, DEMO_STAFF_PASSWORD, enterStaffCode, enterStaffPassword, shownTotpSecret } from '../support/console';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const AGENT = DEMO_STAFF.agent;
const SUPERVISOR = DEMO_STAFF.supervisor;

describe('staff sign-in to the console: password, then TOTP (Chromium)', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let browser: Browser;
  /** The agent's browser: the enrollment, the logout and the second sign-in follow one another. */
  let context: BrowserContext;
  let clockOffset = 0;
  let agentSecret = '';

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [app, browser] = await startAppAndBrowser({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true' });
    context = await browser.newContext();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
    await sink?.stop();
  });

  /** The server's time (moved by the test clock), for the codes the authenticator app would show. */
  const now = () => Date.now() + clockOffset;
  async function advance(ms: number) {
    const res = await fetch(`${app.baseUrl}/api/test/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms }),
    });
    expect(res.status).toBe(200);
    clockOffset += ms;
  }

  async function open(inContext: BrowserContext, route: string): Promise<{ page: Page; errors: string[] }> {
    const page = await inContext.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(consoleUrl(app.baseUrl, route));
    return { page, errors };
  }

  const heading = (page: Page) => page.locator('h1');

  it('refuses a wrong password with the error, in Japanese, and stays on the password step', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    let readyChecks = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/ready') readyChecks += 1;
    });
    // Signed out, the console sends the visitor to the sign-in page at once, without re-rendering on the way
    // (a regression once showed the dashboard for ~10 s, fetching /ready at every render).
    await page.goto(consoleUrl(app.baseUrl, '/'));
    await page.waitForURL(/\/console\/#\/login$/);
    await page.getByTestId('staff-email').waitFor({ timeout: 5_000 });
    expect(readyChecks).toBeLessThanOrEqual(3);

    await enterStaffPassword(page, AGENT.email, 'not the password');

    const error = page.getByTestId('staff-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('invalid_credentials');
    expect(await error.textContent()).toBe('メールアドレスまたはパスワードが正しくありません。');
    expect(await page.getByTestId('staff-email').inputValue()).toBe(AGENT.email);
    expect(await page.getByTestId('staff-password').inputValue()).toBe('');
    expect(await page.getByTestId('staff-code').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("enrolls the agent's authenticator at the first sign-in, shows name and role, and logs out", async () => {
    const { page, errors } = await open(context, '/login');
    await enterStaffPassword(page, AGENT.email, DEMO_STAFF_PASSWORD);

    // The enrollment step: the QR code from the API, the setup key to type by hand, why it is needed.
    agentSecret = await shownTotpSecret(page);
    const qr = page.getByTestId('staff-totp-qr');
    expect(await qr.isVisible()).toBe(true);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await page.textContent('form')).toContain('認証アプリ');
    expect(await page.getByTestId('staff-signing-in-as').textContent()).toContain(AGENT.email);

    await enterStaffCode(page, totp(agentSecret, now()));
    await page.waitForURL(/\/console\/#\/$/);
    await page.getByTestId('staff-display-name').waitFor();
    expect(await page.getByTestId('staff-display-name').textContent()).toBe(AGENT.displayName);
    expect(await page.getByTestId('staff-role').textContent()).toBe('窓口担当');
    expect(await page.getByTestId('staff-role').getAttribute('data-role')).toBe('agent');
    expect(await heading(page).first().textContent()).toBe('ダッシュボード');

    // The session is the cookie: a reload stays signed in.
    await page.reload();
    await page.getByTestId('staff-display-name').waitFor();
    expect(await page.getByTestId('staff-display-name').textContent()).toBe(AGENT.displayName);
    const cookie = (await context.cookies()).find((c) => c.name === 'ikou_staff');
    expect(cookie?.httpOnly).toBe(true);

    // Logout, from the user menu; the request carries the session's CSRF token, and the session ends server-side.
    await page.getByTestId('staff-menu').click();
    expect(await page.getByTestId('staff-menu-identity').textContent()).toContain(AGENT.email);
    const [logout] = await Promise.all([
      page.waitForRequest((request) => request.url().endsWith('/api/console/auth/logout')),
      page.getByTestId('staff-logout').click(),
    ]);
    expect(logout.headers()['x-csrf-token']).toMatch(/^[\w-]{20,}$/);
    expect((await logout.response())?.status()).toBe(200);
    await page.waitForURL(/\/console\/#\/login$/);
    await page.getByTestId('staff-email').waitFor();
    const me = await fetch(`${app.baseUrl}/api/console/auth/me`, { headers: { cookie: `ikou_staff=${cookie!.value}` } });
    expect(me.status).toBe(401);

    await page.reload();
    await page.getByTestId('staff-email').waitFor();
    expect(page.url()).toMatch(/\/console\/#\/login$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks the enrolled agent for a code the next time, refuses a wrong one, and signs in with the right one', async () => {
    // A later 30 s step than the enrollment's: a code is accepted once only.
    await advance(30_000);
    const { page, errors } = await open(context, '/login');
    await enterStaffPassword(page, AGENT.email, DEMO_STAFF_PASSWORD);

    const code = page.getByTestId('staff-code');
    await code.waitFor();
    expect(await page.getByTestId('staff-totp-qr').count()).toBe(0);
    expect(await page.getByTestId('staff-totp-secret').count()).toBe(0);

    // A code no step near now would give.
    const near = [-2, -1, 0, 1, 2].map((step) => totp(agentSecret, now() + step * 30_000));
    const wrong = ['000000', '111111', '222222'].find((candidate) => !near.includes(candidate))!;
    await enterStaffCode(page, wrong);
    const error = page.getByTestId('staff-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('invalid_code');
    expect(await error.textContent()).toContain('コードが正しくありません');
    expect(await code.inputValue()).toBe('');
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('staff-code');

    await enterStaffCode(page, totp(agentSecret, now()));
    await page.waitForURL(/\/console\/#\/$/);
    await page.getByTestId('staff-display-name').waitFor();
    expect(await page.getByTestId('staff-display-name').textContent()).toBe(AGENT.displayName);
    expect(await page.getByTestId('staff-role').textContent()).toBe('窓口担当');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('is in Japanese by default; the switch on the sign-in page turns it to English, mid-enrollment too', async () => {
    const english = await browser.newContext();
    try {
      const { page, errors } = await open(english, '/login');
      await heading(page).filter({ hasText: 'スタッフ ログイン' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('ja');
      expect(await page.getByTestId('staff-submit').textContent()).toBe('次へ');

      // What was typed survives the switch (react-admin re-renders everything on a language change).
      await page.getByTestId('staff-email').fill(SUPERVISOR.email);
      await page.getByTestId('staff-locale-en').click();
      await heading(page).filter({ hasText: 'Staff sign-in' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.getByTestId('staff-submit').textContent()).toBe('Next');
      expect(await page.getByTestId('staff-email').inputValue()).toBe(SUPERVISOR.email);

      await page.getByTestId('staff-password').fill(DEMO_STAFF_PASSWORD);
      await page.getByTestId('staff-submit').click();
      const secret = await shownTotpSecret(page);
      expect(await page.textContent('form')).toContain('authenticator app');

      // Back and forth during the enrollment: the same flow, the same key.
      await page.getByTestId('staff-locale-ja').click();
      await heading(page).filter({ hasText: 'スタッフ ログイン' }).waitFor();
      expect(await shownTotpSecret(page)).toBe(secret);
      await page.getByTestId('staff-locale-en').click();
      await heading(page).filter({ hasText: 'Staff sign-in' }).waitFor();
      expect(await shownTotpSecret(page)).toBe(secret);

      await enterStaffCode(page, '12345');
      expect(await page.getByTestId('staff-code-submit').isEnabled()).toBe(true);
      expect(await page.textContent('form')).toContain('Enter the 6 digits the app shows.');

      await enterStaffCode(page, totp(secret, now()));
      await page.waitForURL(/\/console\/#\/$/);
      await page.getByTestId('staff-display-name').waitFor();
      expect(await page.getByTestId('staff-display-name').textContent()).toBe(SUPERVISOR.displayName);
      expect(await page.getByTestId('staff-role').textContent()).toBe('Supervisor');
      expect(await heading(page).first().textContent()).toBe('Dashboard');
      expect(errors).toEqual([]);
    } finally {
      await english.close();
    }
  });
});
