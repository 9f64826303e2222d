import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../support/app-process';
import { startAppAndBrowser } from '../support/browser';
import { registeredCustomer } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const EMAIL = 'takahashi@example.jp';
const PASSWORD = 'aki no yuugure 2023';
const NOTICE_SUBJECT = '「申込/契約確認サイト」2段階認証の設定変更のお知らせ';

describe('factor settings (/account/security) on the customer site, in Japanese (Chromium)', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let clockOffset = 0;
  let secret = '';

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [app, browser] = await startAppAndBrowser({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    await registeredCustomer(app.baseUrl, sink, 'IS10040001', EMAIL, PASSWORD);
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

  it('signs in, enrolling an authenticator app on the pages', async () => {
    const { page, errors } = await open('/login');
    await page.getByTestId('login-email').fill(EMAIL);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();

    const secretKey = page.getByTestId('totp-secret');
    await secretKey.waitFor();
    secret = (await secretKey.getAttribute('data-secret')) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32,}$/);
    await page.getByTestId('totp-code').fill(totp(secret, now()));
    await page.getByTestId('totp-submit').click();

    await page.getByTestId('recovery-code').waitFor();
    await page.getByTestId('recovery-recorded').check();
    await page.getByTestId('recovery-continue').click();
    await page.waitForURL(`${app.baseUrl}/account`);
    expect(await page.getByTestId('signed-in-email').textContent()).toBe(EMAIL);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds a second authenticator app after a step-up, then removes the first one but never the last', async () => {
    // A later 30 s step than the enrollment's: a TOTP code is accepted once only.
    await advance(60_000);
    const { page, errors } = await open('/account');

    // Linked from /account.
    await page.getByTestId('security-link').click();
    await page.waitForURL(`${app.baseUrl}/account/security`);
    await page.getByTestId('security-page').waitFor();
    const rows = page.getByTestId('factor-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-factor-type')).toBe('totp');
    expect(await rows.first().textContent()).toContain('認証アプリ');
    const firstId = await rows.first().getAttribute('data-factor-id');
    // The only factor cannot be removed, and the page says why.
    expect(await page.getByTestId('remove-factor').isDisabled()).toBe(true);
    expect(await page.getByTestId('last-factor-note').textContent()).toContain('削除できません');

    // Adding asks for a fresh code first.
    await page.getByTestId('add-totp').click();
    const stepUpCode = page.getByTestId('step-up-code');
    await stepUpCode.waitFor();
    expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('step-up-code');
    await stepUpCode.fill(totp(secret, now()));
    await page.getByTestId('step-up-submit').click();

    // The same presentation as the login's enrollment step: QR code and the exact secret.
    const secretKey = page.getByTestId('settings-totp-secret');
    await secretKey.waitFor();
    const secondSecret = (await secretKey.getAttribute('data-secret')) ?? '';
    expect(secondSecret).toMatch(/^[A-Z2-7]{32,}$/);
    expect(secondSecret).not.toBe(secret);
    expect(await secretKey.textContent()).toBe(secondSecret);
    expect(await page.locator('[data-testid="add-totp-panel"] img[src^="data:image/png;base64,"]').isVisible()).toBe(true);
    expect(await page.getByTestId('step-up-code').count()).toBe(0);

    await page.getByTestId('settings-totp-code').fill(totp(secondSecret, now()));
    await page.getByTestId('settings-totp-submit').click();
    await page.locator('[data-testid="settings-notice"][data-notice="added"]').waitFor();
    expect(await rows.count()).toBe(2);
    expect(await page.getByTestId('settings-notice').textContent()).toContain('お知らせ');
    await sink.waitFor((mail) => mail.to === EMAIL && mail.subject === NOTICE_SUBJECT);

    // Remove the first factor (still inside the 5-minute step-up window): one row left, not removable.
    const removeButtons = page.getByTestId('remove-factor');
    expect(await removeButtons.first().isEnabled()).toBe(true);
    await removeButtons.first().click();
    await page.locator('[data-testid="settings-notice"][data-notice="removed"]').waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-factor-id')).not.toBe(firstId);
    expect(await page.getByTestId('remove-factor').isDisabled()).toBe(true);
    expect(await page.getByTestId('settings-error').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
