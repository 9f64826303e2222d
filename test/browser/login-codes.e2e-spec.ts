import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { RunningApp } from '../support/app-process';
import { startAppAndBrowser } from '../support/browser';
import { registeredCustomer } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';

const EMAIL = 'ito@example.jp';
const PASSWORD = 'aki no sora 2023';

/** Methods 1 and 2 of the guide on the pages: 「別の方法を試す」 → 電話 → number, SMS, 「続ける」 → code. */
describe('sign-in by SMS code on the customer site, in Japanese (Chromium)', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let browser: Browser;
  let db: Client;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [app, browser] = await startAppAndBrowser({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    await registeredCustomer(app.baseUrl, sink, 'IS10060005', EMAIL, PASSWORD);
  });
  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await app?.stop();
    await sink?.stop();
  });

  async function advance(ms: number) {
    const res = await fetch(`${app.baseUrl}/api/test/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms }),
    });
    expect(res.status).toBe(200);
  }

  /** The last SMS's code: the first 6 digits of its text (the log-only gateway keeps it in the outbox). */
  async function lastSmsCode(): Promise<string> {
    const [row] = (await db.query(`SELECT body_text FROM outgoing_messages WHERE channel = 'sms' ORDER BY created_at DESC LIMIT 1`)).rows;
    return ((row.body_text as string).match(/\d/g) ?? []).slice(0, 6).join('');
  }

  const activeTestId = (page: Page) => page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? null");

  async function signInWithPassword(page: Page) {
    await page.goto(`${app.baseUrl}/login`);
    await page.getByTestId('login-email').fill(EMAIL);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
  }

  it('enrolls SMS at the first sign-in with the guide’s number form and lands on /account', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInWithPassword(page);

    await page.getByTestId('totp-secret').waitFor();
    await page.getByTestId('try-another-method').click();
    expect(await page.getByTestId('method-email').isDisabled()).toBe(true);
    await page.getByTestId('method-sms').click();

    // The guide's hint, and a wrong number refused on the field.
    await page.getByTestId('phone-number').waitFor();
    expect(await page.textContent('body')).toContain('9000000000');
    expect(await page.getByTestId('phone-channel-sms').isChecked()).toBe(true);
    await page.getByTestId('phone-number').fill('12');
    await page.getByTestId('phone-submit').click();
    await page.locator('[data-testid="phone-number"][aria-invalid="true"]').waitFor();
    expect(await activeTestId(page)).toBe('phone-number');

    await page.getByTestId('phone-number').fill('9000000000');
    await page.getByTestId('phone-submit').click();
    await page.getByTestId('phone-code').waitFor();
    expect(await page.getByTestId('code-sent-to').textContent()).toContain('+81 90-0000-0000');
    // 「テキストを送信」 waits for the cooldown.
    expect(await page.getByTestId('resend-code').textContent()).toBe('テキストを送信');
    expect(await page.getByTestId('resend-code').isDisabled()).toBe(true);
    expect(await page.getByTestId('resend-wait').textContent()).toContain('秒後に再送できます');

    const code = await lastSmsCode();
    expect(code).toMatch(/^\d{6}$/);
    await page.getByTestId('phone-code').fill(code === '000000' ? '111111' : '000000');
    await page.getByTestId('phone-code-submit').click();
    await page.locator('[data-testid="phone-code"][aria-invalid="true"]').waitFor();
    expect(await activeTestId(page)).toBe('phone-code');

    await page.getByTestId('phone-code').fill(code);
    await page.getByTestId('phone-code-submit').click();
    await page.getByTestId('recovery-code').waitFor();
    await page.getByTestId('recovery-recorded').check();
    await page.getByTestId('recovery-continue').click();
    await page.waitForURL(`${app.baseUrl}/account`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('challenges by SMS at a later sign-in (send, then the code) and lands on /account', async () => {
    await advance(31_000); // past the cooldown of the enrollment's send
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInWithPassword(page);

    await page.getByTestId('send-code').click();
    await page.getByTestId('challenge-code').waitFor();
    expect(await page.getByTestId('code-sent-to').textContent()).toContain('0000');
    await page.getByTestId('challenge-code').fill(await lastSmsCode());
    await page.getByTestId('remember-device').check();
    await page.getByTestId('challenge-submit').click();
    await page.waitForURL(`${app.baseUrl}/account`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
