import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../support/app-process';
import { startAppAndBrowser } from '../support/browser';
import { registeredCustomer } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const EMAIL = 'suzuki@example.jp';
const PASSWORD = 'natsu wa yoru 2023';

describe('sign-in with mandatory MFA on the customer site, in Japanese (Chromium)', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let browser: Browser;
  /** One browser profile for the whole story: its cookies (the remembered device) carry over. */
  let context: BrowserContext;
  let clockOffset = 0;
  let secret = '';
  let recoveryCode = '';

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [app, browser] = await startAppAndBrowser({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    await registeredCustomer(app.baseUrl, sink, 'IS10030001', EMAIL, PASSWORD);
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

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.baseUrl}${path}`);
    return { page, errors };
  }

  async function signInWithPassword(page: Page) {
    await page.getByTestId('login-email').fill(EMAIL);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
  }

  /** The data-testid of the focused element (evaluated in the page, hence the string). */
  const activeTestId = (page: Page) => page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null");

  it('enrolls an authenticator at the first sign-in, shows the recovery code once, and lands on /account', async () => {
    const { page, errors } = await open('/login');

    // A wrong password first: one generic message, whether the address or the password was wrong.
    await page.getByTestId('login-email').fill(EMAIL);
    await page.getByTestId('login-password').fill('wrong password 2023');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('form-error').and(page.locator('[data-code="invalid_credentials"]')).waitFor();
    expect(await page.getByTestId('form-error').textContent()).toContain('メールアドレスまたはパスワードが正しくありません');

    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();

    // The enrollment screen: QR code and the secret for manual entry.
    const secretKey = page.getByTestId('totp-secret');
    await secretKey.waitFor();
    secret = (await secretKey.getAttribute('data-secret')) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32,}$/);
    expect(await secretKey.textContent()).toBe(secret);
    expect(await page.locator('img[src^="data:image/png;base64,"]').isVisible()).toBe(true);
    expect(await page.getByTestId('totp-code').getAttribute('inputmode')).toBe('numeric');
    expect(await page.getByTestId('totp-code').getAttribute('autocomplete')).toBe('one-time-code');

    // 「別の方法を試す」 offers voice call and SMS; email only after a first enrollment (guide, method 5).
    await page.getByTestId('try-another-method').click();
    for (const name of ['電話（音声通話）', '電話（ショートメッセージサービス（SMS））']) {
      expect(await page.getByRole('button', { name }).isEnabled()).toBe(true);
    }
    expect(await page.getByRole('button', { name: 'メール' }).isDisabled()).toBe(true);

    // A reload stays on this step, with the same secret.
    await page.reload();
    await secretKey.waitFor();
    expect(await secretKey.getAttribute('data-secret')).toBe(secret);

    // A wrong code: the error sits on the code field, which gets the focus.
    const current = totp(secret, now());
    await page.getByTestId('totp-code').fill(current === '000000' ? '111111' : '000000');
    await page.getByTestId('totp-submit').click();
    await page.locator('[data-testid="totp-code"][aria-invalid="true"]').waitFor();
    expect(await activeTestId(page)).toBe('totp-code');

    await page.getByTestId('totp-code').fill(totp(secret, now()));
    await page.getByTestId('totp-submit').click();

    // The recovery code, shown once; Continue is refused until 「コードを安全に記録しました」 is ticked.
    const shown = page.getByTestId('recovery-code');
    await shown.waitFor();
    recoveryCode = ((await shown.textContent()) ?? '').trim();
    expect(recoveryCode).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4})+$/);
    expect(await page.textContent('body')).toContain('コードを安全に記録しました');
    await page.getByTestId('recovery-continue').click();
    await page.locator('[data-testid="recovery-recorded"][aria-invalid="true"]').waitFor();
    expect(await activeTestId(page)).toBe('recovery-recorded');
    expect(await shown.textContent()).toBe(recoveryCode);
    expect(new URL(page.url()).pathname).toBe('/login');

    await page.getByTestId('recovery-recorded').check();
    await page.getByTestId('recovery-continue').click();
    await page.waitForURL(`${app.baseUrl}/account`);
    expect(await page.getByTestId('signed-in-email').textContent()).toBe(EMAIL);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('remembers the device for 30 days: after logout the same browser signs in without a code', async () => {
    await advance(60_000); // a later 30 s step than the enrollment's: a TOTP code is accepted once only
    const { page, errors } = await open('/account');

    // Still signed in from the first test; log out to start over.
    await page.getByTestId('signed-in-email').waitFor();
    await page.getByTestId('logout').click();
    await page.waitForURL(`${app.baseUrl}/login`);
    await page.getByTestId('signed-out').waitFor();

    await signInWithPassword(page);
    await page.getByTestId('challenge-code').waitFor();
    expect(await page.textContent('body')).toContain('このデバイスを30日間記憶する');
    await page.getByTestId('try-another-method').click();
    expect(await page.getByTestId('use-recovery-code').isEnabled()).toBe(true);

    await page.getByTestId('remember-device').check();
    await page.getByTestId('challenge-code').fill(totp(secret, now()));
    await page.getByTestId('challenge-submit').click();
    await page.waitForURL(`${app.baseUrl}/account`);
    expect(await page.getByTestId('signed-in-email').textContent()).toBe(EMAIL);
    expect((await context.cookies()).some((cookie) => cookie.name === 'ikou_device' && cookie.httpOnly)).toBe(true);

    await page.getByTestId('logout').click();
    await page.waitForURL(`${app.baseUrl}/login`);
    expect((await context.cookies()).some((cookie) => cookie.name === 'ikou_session')).toBe(false);

    // The remembered device: email and password only, no code asked.
    await signInWithPassword(page);
    await page.waitForURL(`${app.baseUrl}/account`);
    expect(await page.getByTestId('signed-in-email').textContent()).toBe(EMAIL);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('signs in once with the recovery code on another device, then shows a fresh code to record', async () => {
    const other = await browser.newContext();
    try {
      const page = await other.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${app.baseUrl}/login`);
      await signInWithPassword(page);
      await page.getByTestId('challenge-code').waitFor();

      await page.getByTestId('try-another-method').click();
      await page.getByTestId('use-recovery-code').click();
      expect(await activeTestId(page)).toBe('recovery-code-input');
      await page.getByTestId('recovery-code-input').fill(recoveryCode.toLowerCase());
      await page.getByTestId('recovery-submit').click();

      const fresh = page.getByTestId('recovery-code');
      await fresh.waitFor();
      expect(((await fresh.textContent()) ?? '').trim()).not.toBe(recoveryCode);
      await page.getByTestId('recovery-recorded').check();
      await page.getByTestId('recovery-continue').click();
      await page.waitForURL(`${app.baseUrl}/account`);
      expect(await page.getByTestId('signed-in-email').textContent()).toBe(EMAIL);
      expect(errors).toEqual([]);
    } finally {
      await other.close();
    }
  });
  it('keeps the step over a reload, and starts over at the password once the sign-in has expired', async () => {
    const other = await browser.newContext();
    try {
      const page = await other.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${app.baseUrl}/login`);
      await signInWithPassword(page);
      await page.getByTestId('challenge-code').waitFor();
      await page.reload();
      await page.getByTestId('challenge-code').waitFor();

      await advance(16 * 60_000); // the flow lasts 15 minutes
      await page.getByTestId('challenge-code').fill(totp(secret, now()));
      await page.getByTestId('challenge-submit').click();
      await page.getByTestId('form-error').and(page.locator('[data-code="flow_expired"]')).waitFor();
      expect(await activeTestId(page)).toBe('form-error');
      expect(await page.getByTestId('login-email').inputValue()).toBe(EMAIL);
      expect(await page.getByTestId('challenge-code').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
