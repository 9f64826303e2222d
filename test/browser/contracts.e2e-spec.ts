import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../support/app-process';
import { startAppAndBrowser } from '../support/browser';
import { browserLikeClient, registeredCustomer } from '../support/customer';
import { DEMO_LEGACY_PASSWORD } from '../support/legacy-api';
import { signInOnPages } from '../support/portal';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const SATO = { email: 'sato.hanako@example.jp', password: 'haru no ogawa 2023' };
const SUZUKI = { email: 'it@suzuki-shoji.example.jp', password: 'natsu no umi 2023' };
const YAMADA = { email: 'yamada.taro@example.jp', password: 'aki no tsuki 2023' };
const ITO = { email: 'ito@example.jp', password: 'fuyu no hoshi 2023' };
const ATTACH_SUBJECT = '「申込/契約確認サイト」ログインアカウント(メールアドレス)切り替えのご案内';

/** The words /contracts shows for the states a fresh request can be in (the worker may have moved it on). */
const EARLY_STATES: Record<string, string> = { received: '受付済み', validating: '確認中', needs_review: '担当者が確認中' };

/**
 * §4.3–4.5 on the customer site, in Japanese: the contract list, attaching more network IDs (several in
 * one visit, each with its own password) and the bulk-transfer request (Chromium).
 */
describe('contracts, attaching network IDs and the bulk request on the customer site (Chromium)', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Sato's signed-in page, kept for the last test. */
  let satoPage: Page;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [app, browser] = await startAppAndBrowser({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    // Demo customer 2: IS10020001–0003, not consolidated. Demo customer 3: IS10030001–0007, consolidated.
    await registeredCustomer(app.baseUrl, sink, 'IS10020001', SATO.email, SATO.password);
    await registeredCustomer(app.baseUrl, sink, 'IS10030001', SUZUKI.email, SUZUKI.password);
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', YAMADA.email, YAMADA.password);
    await registeredCustomer(app.baseUrl, sink, 'IS10060001', ITO.email, ITO.password);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
    await sink?.stop();
  });

  /** A page in a browser of its own (own cookies), collecting uncaught page errors. */
  async function newPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors };
  }

  const ids = async (page: Page, testId: string) =>
    page.getByTestId(testId).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-network-id')));
  const focusedTestId = (page: Page) => page.evaluate("document.activeElement?.getAttribute('data-testid')");

  it('asks to sign in on /contracts, /contracts/attach and /contracts/bulk-request without a session', async () => {
    const { page, errors } = await newPage();
    for (const path of ['/contracts', '/contracts/attach', '/contracts/bulk-request']) {
      await page.goto(`${app.baseUrl}${path}`);
      await page.getByTestId('not-signed-in').waitFor();
      expect(await page.locator('a[href="/login"]').count()).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
  });

  it('attaches two more network IDs in one visit (one wrong password on the way), with the mail, then lists all 3', async () => {
    const { page, errors } = await newPage();
    await signInOnPages(page, app.baseUrl, SATO.email, SATO.password);

    // /account links to the contract list: the one network ID registered so far.
    await page.getByTestId('contracts-link').click();
    await page.waitForURL(`${app.baseUrl}/contracts`);
    await page.getByTestId('contracts-range').waitFor();
    expect(await ids(page, 'contracts-row')).toEqual(['IS10020001']);
    const row = page.getByTestId('contracts-row').first();
    expect(await row.getAttribute('data-linked-via')).toBe('self_service');
    expect(await row.textContent()).toContain('ご契約中');
    expect(await row.textContent()).toContain('お客さまご自身で登録');
    expect(await page.getByTestId('contracts-range').textContent()).toContain('全1件中 1–1件目');
    expect(await page.getByTestId('bulk-request').count()).toBe(0);

    // The English toggle works on the page, and back to Japanese.
    await page.locator('.locale-toggle').click();
    await page.getByRole('heading', { level: 1, name: 'Your contracts' }).waitFor();
    await page.locator('.locale-toggle').click();
    await page.getByRole('heading', { level: 1, name: 'ご契約の一覧' }).waitFor();

    await page.getByTestId('contracts-attach-link').click();
    await page.waitForURL(`${app.baseUrl}/contracts/attach`);

    // A wrong password first: the registration's generic message, focused, and the password emptied.
    await page.getByTestId('attach-network-id').fill('IS10020002');
    await page.getByTestId('attach-password').fill('not-the-password');
    await page.getByTestId('attach-submit').click();
    const error = page.getByTestId('form-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('invalid_credentials');
    expect(await error.textContent()).toContain('ネットワークIDまたはパスワードが正しくありません');
    expect(await focusedTestId(page)).toBe('form-error');
    expect(await page.getByTestId('attach-password').inputValue()).toBe('');
    expect(await page.getByTestId('attach-queue-item').count()).toBe(0);

    // Then the right one: the network ID waits in the list with its service.
    await page.getByTestId('attach-password').fill(DEMO_LEGACY_PASSWORD);
    await page.getByTestId('attach-submit').click();
    await page.locator('[data-testid="attach-notice"][data-notice="verified"]').waitFor();
    expect(await focusedTestId(page)).toBe('attach-notice');
    expect(await page.getByTestId('form-error').count()).toBe(0);
    expect(await ids(page, 'attach-queue-item')).toEqual(['IS10020002']);
    expect(await page.getByTestId('attach-queue-item').textContent()).toContain('InfoSphere');

    // Another one in the same visit.
    await page.getByTestId('attach-add-another').click();
    expect(await focusedTestId(page)).toBe('attach-network-id');
    await page.getByTestId('attach-network-id').fill('IS10020003');
    await page.getByTestId('attach-password').fill(DEMO_LEGACY_PASSWORD);
    await page.getByTestId('attach-submit').click();
    await page.locator('[data-testid="attach-queue-item"][data-network-id="IS10020003"]').waitFor();
    expect(await ids(page, 'attach-queue-item')).toEqual(['IS10020002', 'IS10020003']);

    // The list lives on the server: a reload keeps it.
    await page.reload();
    await page.locator('[data-testid="attach-queue-item"][data-network-id="IS10020003"]').waitFor();
    expect(await ids(page, 'attach-queue-item')).toEqual(['IS10020002', 'IS10020003']);

    // The confirmation screen lists them; 登録する registers exactly those.
    await page.getByTestId('attach-confirm').click();
    await page.getByTestId('attach-register').waitFor();
    expect(await ids(page, 'attach-confirm-item')).toEqual(['IS10020002', 'IS10020003']);
    expect(await page.locator('[data-step="confirm"]').textContent()).toContain(SATO.email);
    await page.getByTestId('attach-register').click();

    await page.getByTestId('attach-done').waitFor();
    expect(await ids(page, 'attach-done-item')).toEqual(['IS10020002', 'IS10020003']);
    expect(await page.getByTestId('attach-done-email').textContent()).toBe(SATO.email);
    expect(await page.getByTestId('attach-done').textContent()).toContain(ATTACH_SUBJECT);

    const mail = await sink.waitFor((m) => m.to === SATO.email && m.subject === ATTACH_SUBJECT);
    expect(mail.text).toContain('IS10020002');
    expect(mail.text).toContain('IS10020003');

    // Back on the list: all three.
    await page.getByTestId('attach-done-contracts').click();
    await page.waitForURL(`${app.baseUrl}/contracts`);
    await page.locator('[data-testid="contracts-row"][data-network-id="IS10020003"]').waitFor();
    expect(await ids(page, 'contracts-row')).toEqual(['IS10020001', 'IS10020002', 'IS10020003']);
    expect(await page.getByTestId('contracts-range').textContent()).toContain('全3件中 1–3件目');

    // The network-ID search narrows the list (the last digits of one).
    await page.getByTestId('contracts-filter-q').fill('0003');
    await page.getByTestId('contracts-filter-submit').click();
    await page.locator('[data-testid="contracts-range"][data-total="1"]').waitFor();
    expect(await ids(page, 'contracts-row')).toEqual(['IS10020003']);
    await page.getByTestId('contracts-filter-status').selectOption('cancelled');
    await page.getByTestId('contracts-filter-submit').click();
    await page.locator('[data-testid="contracts-range"][data-total="0"]').waitFor();
    expect(await page.getByTestId('contracts-row').count()).toBe(0);
    await page.getByTestId('contracts-filter-clear').click();
    await page.locator('[data-testid="contracts-range"][data-total="3"]').waitFor();

    // Three contracts, not consolidated: the bulk request is explained, not offered.
    await page.getByTestId('contracts-bulk-link').click();
    await page.waitForURL(`${app.baseUrl}/contracts/bulk-request`);
    const ineligible = page.getByTestId('bulk-ineligible');
    await ineligible.waitFor();
    expect(await ineligible.getAttribute('data-reason')).toBe('not_consolidated');
    expect(await page.getByTestId('bulk-consolidated').getAttribute('data-value')).toBe('false');
    expect(await page.getByTestId('bulk-submit').count()).toBe(0);
    expect(errors).toEqual([]);
    satoPage = page;
  });

  it('files a bulk transfer request with the Top Cruise remark and shows it on /contracts', async () => {
    const { page, errors } = await newPage();
    await signInOnPages(page, app.baseUrl, SUZUKI.email, SUZUKI.password);
    await page.getByTestId('contracts-link').click();
    await page.waitForURL(`${app.baseUrl}/contracts`);
    await page.getByTestId('contracts-range').waitFor();
    expect(await ids(page, 'contracts-row')).toEqual(['IS10030001']);

    await page.getByTestId('contracts-bulk-link').click();
    await page.waitForURL(`${app.baseUrl}/contracts/bulk-request`);
    await page.getByTestId('bulk-submit').waitFor();
    expect(await page.getByTestId('bulk-eligibility').getAttribute('data-eligible')).toBe('true');
    expect(await page.getByTestId('bulk-consolidated').getAttribute('data-value')).toBe('true');
    expect(await page.getByTestId('bulk-contract-count').getAttribute('data-value')).toBe('7');
    // The guide's fields, prefilled and read-only.
    expect(await page.getByTestId('bulk-prefill-category').textContent()).toBe('料金や各種手続きなどのお問い合わせ');
    expect(await page.getByTestId('bulk-prefill-email').textContent()).toBe(SUZUKI.email);
    expect(await page.getByTestId('bulk-prefill-network-id').textContent()).toBe('IS10030001');
    expect(await page.getByTestId('bulk-remark').textContent()).toBe('（空欄）');
    expect(await page.getByTestId('bulk-page').textContent()).toContain('1〜2週間');

    await page.getByTestId('bulk-top-cruise').check();
    expect(await page.getByTestId('bulk-remark').textContent()).toBe('トップクルーズ契約');
    await page.getByTestId('bulk-submit').click();

    await page.getByTestId('bulk-done').waitFor();
    const number = ((await page.getByTestId('bulk-ticket-number').textContent()) ?? '').trim();
    expect(number).toMatch(/^BT-\d{6}$/);
    expect(await page.getByTestId('bulk-done').textContent()).toContain('確認のメールをお送りしました');
    await sink.waitFor((m) => m.to === SUZUKI.email && m.text.includes(number));

    // The list shows the request, received (or already further on, if the worker was quick).
    await page.getByTestId('bulk-done-contracts').click();
    await page.waitForURL(`${app.baseUrl}/contracts`);
    const request = page.getByTestId('bulk-request');
    await request.waitFor();
    expect(await page.getByTestId('bulk-request-number').textContent()).toBe(number);
    const state = (await request.getAttribute('data-state')) ?? '';
    expect(Object.keys(EARLY_STATES)).toContain(state);
    expect(await page.getByTestId('bulk-request-state').textContent()).toBe(EARLY_STATES[state]);
    expect(await request.getAttribute('data-open')).toBe('true');
    expect(await page.getByTestId('bulk-request-due').count()).toBe(1);

    // While it is open, the request page shows it instead of the form.
    await page.getByTestId('contracts-bulk-link').click();
    await page.waitForURL(`${app.baseUrl}/contracts/bulk-request`);
    await page.getByTestId('bulk-request').waitFor();
    expect(await page.getByTestId('bulk-request-number').textContent()).toBe(number);
    expect(await page.getByTestId('bulk-submit').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('explains a network ID that another login account registered between the confirmation screen and 登録する', async () => {
    const page = satoPage;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.baseUrl}/contracts/attach`);
    // Proving possession is what counts: customer 4's contracts, with their passwords.
    for (const networkId of ['IS10040001', 'IS10040002']) {
      if ((await page.getByTestId('attach-add-another').count()) > 0) await page.getByTestId('attach-add-another').click();
      await page.getByTestId('attach-network-id').fill(networkId);
      await page.getByTestId('attach-password').fill(DEMO_LEGACY_PASSWORD);
      await page.getByTestId('attach-submit').click();
      await page.locator(`[data-testid="attach-queue-item"][data-network-id="${networkId}"]`).waitFor();
    }
    await page.getByTestId('attach-confirm').click();
    await page.getByTestId('attach-register').waitFor();
    expect(await ids(page, 'attach-confirm-item')).toEqual(['IS10040001', 'IS10040002']);

    // Meanwhile another login account proves and registers IS10040002 (over the API, as its own browser would).
    const other = browserLikeClient(app.baseUrl);
    const step = await other.post('/api/customer/login/password', { email: YAMADA.email, password: YAMADA.password });
    const start = await other.post('/api/customer/login/enroll/totp/start', { flowToken: step.body.flowToken });
    await other.post('/api/customer/login/enroll/totp/confirm', {
      flowToken: step.body.flowToken,
      factorId: start.body.factorId,
      code: totp(start.body.secret, Date.now()),
    });
    const signedIn = await other.post('/api/customer/login/recovery-ack', { flowToken: step.body.flowToken, recorded: true });
    const csrf = { 'x-csrf-token': signedIn.body.csrfToken as string };
    const verified = await other.post('/api/customer/contracts/attach/verify', { networkId: 'IS10040002', password: DEMO_LEGACY_PASSWORD }, csrf);
    expect(verified.status).toBe(200);
    expect((await other.post('/api/customer/contracts/attach/confirm', { networkIds: ['IS10040002'] }, csrf)).status).toBe(200);

    // 登録する: refused as a whole; the page re-reads the list and says which network ID left it.
    await page.getByTestId('attach-register').click();
    const dropped = page.locator('[data-testid="attach-dropped"][data-code="already_linked"]');
    await dropped.waitFor();
    expect(await ids(page, 'attach-dropped-id')).toEqual(['IS10040002']);
    expect(await dropped.textContent()).toContain('ほかのログインアカウントに登録された');
    expect(await focusedTestId(page)).toBe('attach-dropped');
    expect(await ids(page, 'attach-confirm-item')).toEqual(['IS10040001']);

    // Confirming the rest works.
    await page.getByTestId('attach-register').click();
    await page.getByTestId('attach-done').waitFor();
    expect(await ids(page, 'attach-done-item')).toEqual(['IS10040001']);
    expect(errors).toEqual([]);
  });

  it('pages through 150 contracts 50 at a time and filters them', async () => {
    // The other 149 contracts of demo customer 6, as an executed bulk transfer leaves them.
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    try {
      await db.query(
        `UPDATE contracts SET login_account_id = (SELECT login_account_id FROM contracts WHERE network_id = 'IS10060001'),
                linked_at = now(), linked_via = 'bulk_ticket'
          WHERE network_id LIKE 'IS1006%' AND login_account_id IS NULL AND service_type IN ('fiber', 'adsl', 'dialup', 'mail_web')`,
      );
    } finally {
      await db.end();
    }
    const { page, errors } = await newPage();
    await signInOnPages(page, app.baseUrl, ITO.email, ITO.password);
    await page.goto(`${app.baseUrl}/contracts`);
    const range = page.getByTestId('contracts-range');
    await range.waitFor();
    expect(await range.textContent()).toContain('全150件中 1–50件目');
    expect(await page.getByTestId('contracts-row').count()).toBe(50);
    expect(await page.getByTestId('contracts-prev').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="contracts-row"][data-network-id="IS10060002"]').textContent()).toContain('一括切り替え（窓口）');

    await page.getByTestId('contracts-next').click();
    await page.locator('[data-testid="contracts-row"][data-network-id="IS10060051"]').waitFor();
    expect(await range.textContent()).toContain('全150件中 51–100件目');
    expect(await focusedTestId(page)).toBe('contracts-range');
    await page.getByTestId('contracts-next').click();
    await page.locator('[data-testid="contracts-row"][data-network-id="IS10060150"]').waitFor();
    expect(await range.textContent()).toContain('全150件中 101–150件目');
    expect(await page.getByTestId('contracts-next').isDisabled()).toBe(true);
    await page.getByTestId('contracts-prev').click();
    await page.locator('[data-testid="contracts-row"][data-network-id="IS10060051"]').waitFor();

    // Filters start again at the first page: every 25th contract of customer 6 is cancelled.
    await page.getByTestId('contracts-filter-status').selectOption('cancelled');
    await page.getByTestId('contracts-filter-submit').click();
    await page.locator('[data-testid="contracts-range"][data-total="6"]').waitFor();
    expect(await ids(page, 'contracts-row')).toEqual(['IS10060025', 'IS10060050', 'IS10060075', 'IS10060100', 'IS10060125', 'IS10060150']);
    expect(await page.getByTestId('contracts-row').first().textContent()).toContain('解約済み');
    expect(await page.getByTestId('contracts-next').count()).toBe(0);
    // Full-width digits work in the search box.
    await page.getByTestId('contracts-filter-status').selectOption('');
    await page.getByTestId('contracts-filter-q').fill('０１２');
    await page.getByTestId('contracts-filter-submit').click();
    await page.locator('[data-testid="contracts-range"][data-total="11"]').waitFor();
    expect((await ids(page, 'contracts-row'))[0]).toBe('IS10060012');
    expect(errors).toEqual([]);
  });
});
