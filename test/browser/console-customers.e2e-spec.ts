import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../support/app-process';
import { startAppAndBrowser } from '../support/browser';
import { collectPageErrors, consoleUrl, DEMO_STAFF, menuRoutes, signInToConsole, waitUntil } from '../support/console';
import { browserLikeClient, firstSignIn, registeredCustomer } from '../support/customer';
import { registrationClient } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const SATO = { email: 'sato@example.jp', password: 'natsu no umi 2023', networkId: 'IS10020001' };
const YAMADA = { email: 'yamada@example.jp', password: 'haru no kaze 2023', networkId: 'IS10010001' };
const DESK_SUBJECT = '「申込/契約確認サイト」サポートセンターによる2段階認証の変更のお知らせ';

/**
 * The desk's customer pages (domain.md §6.2–6.6) in Chromium, as an agent: find a customer by network ID,
 * link a contract, reissue a recovery code (read off the dialog, then used by the customer), reset MFA
 * (the customer enrolls again). Each dangerous action needs the agent's own fresh authenticator code.
 */
describe('console: the customer page and its support actions (Chromium)', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let agentSecret = '';
  let offset = 0;
  /** The server's clock (moved by the test clock): the authenticator codes are computed at it. */
  const now = () => Date.now() + offset;
  /** The next 30-s step: each TOTP code is accepted once, and the sign-in spent the current one. */
  async function nextStep() {
    await registrationClient(app.baseUrl).advanceClock(30_000);
    offset += 30_000;
  }

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [app, browser] = await startAppAndBrowser({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    await registeredCustomer(app.baseUrl, sink, SATO.networkId, SATO.email, SATO.password);
    await firstSignIn(app.baseUrl, SATO.email, SATO.password, now);
    await registeredCustomer(app.baseUrl, sink, YAMADA.networkId, YAMADA.email, YAMADA.password);
    context = await browser.newContext();
    page = await context.newPage();
    errors = collectPageErrors(page);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
    await sink?.stop();
  });

  const customerRows = () => page.locator('tbody tr');
  /** Opens a tab of the customer page. */
  const openTab = (name: string) => page.getByTestId(`customer-tab-${name}`).click();

  it('(a) an agent signs in with TOTP, sees only the menu entries of the role, and finds a customer by network ID', async () => {
    agentSecret = await signInToConsole(page, app.baseUrl, DEMO_STAFF.agent.email, now());
    expect(await menuRoutes(page)).toEqual(['#/', '#/tickets', '#/customers', '#/messages', '#/status']);

    await page.locator('a[href="#/customers"]').first().click();
    await page.waitForURL(/#\/customers/);
    await customerRows().first().waitFor();
    expect(await customerRows().count()).toBe(2);

    // Lower case and the start of the ID: the search normalises and matches the start.
    await page.locator('input[name="q"]').fill('is1002000');
    await waitUntil(async () => (await customerRows().count()) === 1, 'the search finds one customer');
    expect(await customerRows().first().textContent()).toContain(SATO.email);
    expect(page.url()).toContain(encodeURIComponent('"q":"is1002000"'));

    await customerRows().first().click();
    await page.waitForURL(/#\/customers\/[0-9a-f-]{36}\/show/);
    await page.getByTestId('customer-email').filter({ hasText: SATO.email }).waitFor();
    expect(await page.getByTestId('customer-state').getAttribute('data-state')).toBe('active');
    expect(await page.getByTestId('customer-mfa-summary').getAttribute('data-factors')).toBe('1');
    expect(await page.getByTestId('customer-contracts-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))).toEqual([SATO.networkId]);
    expect(await page.locator('h1, #react-admin-title').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(SATO.email)]));
    // Agents may not unlink (supervisor only): no button.
    expect(await page.locator('[data-testid^="customer-unlink-"]').count()).toBe(0);

    // The messages tab: the registration mail, its body behind a toggle, link tokens redacted.
    await openTab('messages');
    const messages = page.getByTestId('customer-messages-row');
    await messages.first().waitFor();
    expect(await messages.count()).toBeGreaterThanOrEqual(1);
    await page.getByTestId('customer-messages-expand').last().click();
    const body = await page.getByTestId('message-body').first().textContent();
    expect(body).not.toMatch(/#token=[A-Za-z0-9_-]{43}/);
    expect(errors).toEqual([]);
  });

  it('links a network ID with a reason and a confirm step, and shows a refusal by its code', async () => {
    await openTab('contracts');
    await page.getByTestId('customer-link-button').click();
    const dialog = page.getByTestId('customer-link');
    // Nothing entered: the required fields say so, and the dialog stays on the form.
    await page.getByTestId('customer-link-next').click();
    expect(await page.getByTestId('customer-link-networkId-error').textContent()).toBe('必須項目です');
    expect(await page.getByTestId('customer-link-reason-error').textContent()).toBe('必須項目です');

    // Yamada's network ID is linked to his own account: 409 already_linked, shown by its code.
    await page.getByTestId('customer-link-networkId').fill(YAMADA.networkId);
    await page.getByTestId('customer-link-reason').fill('Caller read the invoice number');
    await page.getByTestId('customer-link-next').click();
    expect(await page.getByTestId('customer-link-confirm-text').textContent()).toContain(`${YAMADA.networkId} を ${SATO.email} に移行しますか？`);
    await page.getByTestId('customer-link-confirm').click();
    const error = page.getByTestId('customer-link-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('already_linked');
    expect(await error.textContent()).toContain('別のログインアカウントに移行済み');

    // An unknown ID: invalid_input, the message next to the field, back on the form step.
    await page.getByTestId('customer-link-back').click();
    await page.getByTestId('customer-link-networkId').fill('IS99999999');
    await page.getByTestId('customer-link-next').click();
    await page.getByTestId('customer-link-confirm').click();
    await page.getByTestId('customer-link-networkId-error').waitFor();
    expect(await page.getByTestId('customer-link-networkId-error').textContent()).toBe('このネットワークIDの契約はありません。');

    await page.getByTestId('customer-link-networkId').fill('is10020002');
    await page.getByTestId('customer-link-next').click();
    await page.getByTestId('customer-link-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid="customer-contracts-row"][data-key="IS10020002"]').waitFor();
    expect(await page.getByTestId('customer-contracts-row').count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('(c) reissues a recovery code behind the agent\'s own code; the code is shown once and the customer signs in with it', async () => {
    await nextStep();
    await page.getByTestId('customer-recovery-button').click();
    await page.getByTestId('customer-recovery-reason').fill('Customer lost the paper with the code');
    await page.getByTestId('customer-recovery-next').click();
    await page.getByTestId('customer-recovery-confirm-step').waitFor();

    // A wrong code: refused next to the field (the API counts and audits it); the field is emptied.
    const near = [-2, -1, 0, 1, 2].map((step) => totp(agentSecret, now() + step * 30_000));
    const wrong = ['000000', '111111', '222222'].find((candidate) => !near.includes(candidate))!;
    await page.getByTestId('customer-recovery-stepUpCode').fill(wrong);
    await page.getByTestId('customer-recovery-confirm').click();
    const codeError = page.getByTestId('customer-recovery-stepUpCode-error');
    await codeError.waitFor();
    expect(await codeError.textContent()).toBe('認証アプリに現在表示されているコードではありません。');
    expect(await page.getByTestId('customer-recovery-stepUpCode').inputValue()).toBe('');

    await page.getByTestId('customer-recovery-stepUpCode').fill(totp(agentSecret, now()));
    await page.getByTestId('customer-recovery-confirm').click();
    const shown = page.getByTestId('recovery-code');
    await shown.waitFor();
    const recoveryCode = ((await shown.textContent()) ?? '').trim();
    expect(recoveryCode).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){6}$/);
    expect(await page.getByTestId('customer-recovery-result').textContent()).toContain('表示は一度だけです');

    // Closed, the code is gone from the page.
    await page.getByTestId('customer-recovery-close').click();
    await page.getByTestId('customer-recovery').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(recoveryCode);
    const notice = await sink.waitFor((m) => m.to === SATO.email && m.subject === DESK_SUBJECT);
    expect(notice.text).not.toContain(recoveryCode);

    const customer = browserLikeClient(app.baseUrl);
    const step = await customer.post('/api/customer/login/password', { email: SATO.email, password: SATO.password });
    expect(step.status).toBe(200);
    const signedIn = await customer.post('/api/customer/login/challenge/recovery', { flowToken: step.body.flowToken, recoveryCode });
    expect(signedIn.status).toBe(200);
    expect(errors).toEqual([]);
  });

  it('(b) resets MFA with a reason, identity notes, the agent\'s code and an explicit confirmation; the customer must enroll again', async () => {
    await nextStep();
    await page.reload();
    await openTab('mfa');
    await page.getByTestId('customer-factors-row').first().waitFor();

    await page.getByTestId('customer-mfa-reset-button').click();
    await page.getByTestId('customer-mfa-reset-next').click();
    expect(await page.getByTestId('customer-mfa-reset-reasonCode-error').textContent()).toBe('必須項目です');
    await page.getByTestId('customer-mfa-reset-reasonCode').selectOption('lost_device');
    await page.getByTestId('customer-mfa-reset-identityCheck').fill('short');
    await page.getByTestId('customer-mfa-reset-next').click();
    expect(await page.getByTestId('customer-mfa-reset-identityCheck-error').textContent()).toContain('10');
    await page.getByTestId('customer-mfa-reset-identityCheck').fill('Birth date and billing address confirmed on the phone');
    await page.getByTestId('customer-mfa-reset-next').click();

    // The confirm step repeats what was entered; without the explicit confirmation nothing is sent.
    const confirmStep = page.getByTestId('customer-mfa-reset-confirm-step');
    await confirmStep.waitFor();
    expect(await confirmStep.textContent()).toContain('端末の紛失・故障');
    expect(await confirmStep.textContent()).toContain('Birth date and billing address confirmed on the phone');
    await page.getByTestId('customer-mfa-reset-stepUpCode').fill(totp(agentSecret, now()));
    await page.getByTestId('customer-mfa-reset-confirm').click();
    expect(await page.getByTestId('customer-mfa-reset-confirmed-error').textContent()).toBe('続けるにはチェックを入れてください。');

    await page.getByTestId('customer-mfa-reset-confirmed').check();
    await page.getByTestId('customer-mfa-reset-confirm').click();
    await page.getByTestId('customer-mfa-reset').waitFor({ state: 'detached' });
    await page.getByTestId('customer-factors-empty').waitFor();
    expect(await page.getByTestId('customer-mfa-summary').getAttribute('data-factors')).toBe('0');
    expect(await page.getByTestId('customer-recovery-code').getAttribute('data-exists')).toBe('false');

    const customer = browserLikeClient(app.baseUrl);
    const step = await customer.post('/api/customer/login/password', { email: SATO.email, password: SATO.password });
    expect(step.status).toBe(200);
    expect(step.body.state).toBe('mfa_enroll');
    await sink.waitFor((m) => m.to === SATO.email && m.subject === DESK_SUBJECT && m.text.includes('初期化'));

    // Without a factor, a recovery code cannot be reissued: the button says why.
    expect(await page.getByTestId('customer-recovery-button').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('opens the customer page from its URL, and in English from the language menu, with every text translated', async () => {
    const url = page.url();
    await page.goto(consoleUrl(app.baseUrl, '/'));
    await page.getByTestId('funnel').waitFor();
    await page.goto(url);
    await page.getByTestId('customer-email').filter({ hasText: SATO.email }).waitFor();
    await untranslatedKeys(['contracts', 'mfa', 'lockouts', 'messages', 'tickets', 'audit']);

    await page.locator('.RaLocalesMenuButton-root button, header button', { hasText: '日本語' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByTestId('customer-mfa-reset-button').filter({ hasText: 'Reset MFA' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await untranslatedKeys(['contracts', 'mfa', 'lockouts', 'messages', 'tickets', 'audit']);
    await page.getByTestId('customer-link-button').click();
    expect(await page.getByTestId('customer-link').textContent()).toContain('Link a network ID to this customer');
    await page.getByTestId('customer-link-cancel').click();
    expect(errors).toEqual([]);
  });

  /** Every tab of the customer page shows words, not catalogue keys. */
  async function untranslatedKeys(tabs: string[]) {
    for (const tab of tabs) {
      await openTab(tab);
      const text = (await page.textContent('body')) ?? '';
      expect(text.match(/\b(ikou|resources|ra)\.[a-z_]+\.[a-z_.]+/g) ?? []).toEqual([]);
    }
  }
});
