import type { Browser } from 'playwright-core';
import type { RunningApp } from '../support/app-process';
import { startAppAndBrowser } from '../support/browser';
import { DEMO_LEGACY_PASSWORD } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';

describe('registration on the customer site, in Japanese (Chromium)', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    sink = await SmtpSink.start();
    [app, browser] = await startAppAndBrowser({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true' });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sink?.stop();
  });

  it('walks from the change-account page to a set password', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.baseUrl}/`);
    await page.getByTestId('to-migration').click();
    await page.getByTestId('choice-3').click();
    await page.getByTestId('start-registration').click();

    // A wrong password first: the generic message, never which of the two was wrong.
    await page.getByTestId('network-id').fill('ＩＳ１００２０００１');
    await page.getByTestId('legacy-password').fill('wrong-password');
    await page.getByTestId('legacy-submit').click();
    await page.getByTestId('form-error').and(page.locator('[data-code="invalid_credentials"]')).waitFor();

    await page.getByTestId('legacy-password').fill(DEMO_LEGACY_PASSWORD);
    await page.getByTestId('legacy-submit').click();
    await page.getByTestId('verified-network-id').filter({ hasText: 'IS10020001' }).waitFor();

    await page.getByTestId('email').fill('sato.hanako@example.jp');
    await page.getByTestId('register-submit').click();
    // Without the consent tick the form stays, with the error on the checkbox.
    expect(await page.getByTestId('agree-terms').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('agree-terms').check();
    await page.getByTestId('register-submit').click();
    await page.getByTestId('registration-done').waitFor();
    expect(await page.getByTestId('registration-done').textContent()).toContain('sato.hanako@example.jp');
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.textContent('body')).toContain('登録を受け付けました');

    const mail = await sink.waitFor((m) => m.to === 'sato.hanako@example.jp');
    const link = /https?:\/\/\S+\/password\/set#token=[A-Za-z0-9_-]{43}/.exec(mail.text)![0];
    await page.goto(link);
    await page.getByTestId('new-password').waitFor();
    expect(page.url()).not.toContain('token=');
    await page.getByTestId('new-password').fill('haru wa akebono 2023');
    await page.getByTestId('confirm-password').fill('haru wa akebono 2023');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-done').waitFor();

    // The link is spent: opening it again shows the expired/used page.
    const again = await browser.newPage();
    await again.goto(link);
    await again.getByTestId('link-invalid').waitFor();
    expect(errors).toEqual([]);
  });
});
