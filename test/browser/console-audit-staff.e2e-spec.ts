import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../support/app-process';
import { startAppAndBrowser } from '../support/browser';
import { collectPageErrors, consoleUrl, DEMO_STAFF, menuRoutes, signInToConsole, waitUntil } from '../support/console';
import { registeredCustomer } from '../support/customer';
import { DEMO_LEGACY_PASSWORD, registrationClient } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';

const SATO = { email: 'sato@example.jp', password: 'natsu no umi 2023', networkId: 'IS10020001' };
/** Registers while the mail server refuses: the completion mail fails for good, and no password is ever set. */
const STUCK = { email: 'stuck@example.jp', networkId: 'IS10010001' };
const PASSWORD_MAIL_SUBJECT = '「申込/契約確認サイト」パスワード設定のご案内';
const REGISTRATION_SUBJECT = '「申込/契約確認サイト」ログインアカウント(メールアドレス)への切り替え完了のご案内';

/**
 * The console's other pages in Chromium: the dashboard's funnel and stuck customers (with the resend of
 * the password mail), the audit log (filters, CSV export read back with papaparse, chain check) and the
 * outbox with its retry, as a supervisor; the staff pages as an admin. Each role sees only its menu.
 */
describe('console: dashboard, audit log, messages and staff pages (Chromium)', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let browser: Browser;
  let db: Client;
  const contexts: BrowserContext[] = [];
  let offset = 0;
  const now = () => Date.now() + offset;
  let stuckId = '';

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [app, browser] = await startAppAndBrowser({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    await registeredCustomer(app.baseUrl, sink, SATO.networkId, SATO.email, SATO.password);

    sink.refuse({ code: 550 });
    const registration = registrationClient(app.baseUrl);
    const check = await registration.legacyCheck(STUCK.networkId, DEMO_LEGACY_PASSWORD);
    expect((await registration.complete(check.body.flowToken, STUCK.email)).status).toBe(200);
    for (let i = 0; ; i++) {
      const { rows } = await db.query(`SELECT state FROM outgoing_messages WHERE recipient = $1`, [STUCK.email]);
      if (rows[0]?.state === 'failed') break;
      if (i > 100) throw new Error(`the mail to ${STUCK.email} did not fail: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    sink.accept();
    stuckId = (await db.query(`SELECT id FROM login_accounts WHERE email = $1`, [STUCK.email])).rows[0].id;
    // A week and a day later, that customer counts as stuck without a password.
    await registration.advanceClock(8 * 86_400_000);
    offset += 8 * 86_400_000;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await db?.end();
    await browser?.close();
    await app?.stop();
    await sink?.stop();
  });

  async function newPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: collectPageErrors(page) };
  }

  let supervisor: { page: Page; errors: string[] };

  it('shows a supervisor the migration funnel and the stuck customers, and resends the password mail from there', async () => {
    supervisor = await newPage();
    const { page, errors } = supervisor;
    await signInToConsole(page, app.baseUrl, DEMO_STAFF.supervisor.email, now());
    expect(await menuRoutes(page)).toEqual(['#/', '#/tickets', '#/customers', '#/messages', '#/audit', '#/imports', '#/transfers', '#/status']);

    // The funnel: two accounts registered, one with a password; the existing status panel stays.
    await page.getByTestId('funnel-stage').first().waitFor();
    const stage = (name: string) => page.locator(`[data-testid="funnel-stage"][data-stage="${name}"]`).getAttribute('data-customers');
    expect(await stage('email_registered')).toBe('2');
    expect(await stage('password_set')).toBe('1');
    expect(Number(await page.getByTestId('funnel-contracts').getAttribute('data-eligible'))).toBeGreaterThan(100);
    expect(await page.getByTestId('funnel-stuck').getAttribute('data-no-password')).toBe('1');
    await page.getByTestId('ready-state').waitFor();

    // The stuck list, filtered to "no password"; the resend asks for a reason and a confirmation.
    await page.getByTestId('stuck-kind-no_password').click();
    await page.getByTestId('stuck').getByText(STUCK.email).waitFor();
    const sentBefore = sink.messages.length;
    await page.getByTestId(`stuck-password-link-${stuckId}-button`).click();
    await page.getByTestId(`stuck-password-link-${stuckId}-reason`).fill('The first mail bounced');
    await page.getByTestId(`stuck-password-link-${stuckId}-next`).click();
    expect(await page.getByTestId(`stuck-password-link-${stuckId}-confirm-text`).textContent()).toContain(STUCK.email);
    await page.getByTestId(`stuck-password-link-${stuckId}-confirm`).click();
    await page.getByTestId(`stuck-password-link-${stuckId}`).waitFor({ state: 'detached' });
    const mail = await sink.waitFor((m) => m.to === STUCK.email && m.subject === PASSWORD_MAIL_SUBJECT);
    expect(sink.messages.length).toBeGreaterThan(sentBefore);
    expect(mail.text).toContain('/password/set#token=');
    expect(errors).toEqual([]);
  });

  it('(d) lets a supervisor filter the audit log, export it from the page as CSV that papaparse reads back, and verify the chain', async () => {
    const { page, errors } = supervisor;
    await page.locator('a[href="#/audit"]').first().click();
    await page.waitForURL(/#\/audit/);
    await page.locator('td.column-id').first().waitFor();

    // A family of actions: the trailing dot.
    await page.locator('input[name="action"]').fill('registration.');
    await page.waitForURL(/registration\./);
    await waitUntil(async () => (await page.locator('td.column-action').allTextContents()).every((text) => text.startsWith('registration.')), 'only registration events are listed');
    const listed = (await page.locator('td.column-id').allTextContents()).map(Number);
    expect(listed.length).toBeGreaterThanOrEqual(4); // two registrations: legacy_verified + completed each
    expect(listed).toEqual([...listed].sort((a, b) => b - a)); // newest first

    // Expanding a row shows what changed.
    await page.locator('td.column-id').first().click();
    await page.getByTestId('audit-details').waitFor();

    const link = page.getByTestId('audit-export');
    expect(await link.getAttribute('href')).toBe('/api/console/audit/export.csv?action=registration.');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    const file = await readFile((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for Excel
    const parsed = Papa.parse<Record<string, string>>(file.toString('utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(expect.arrayContaining(['id', 'occurredAt', 'actorType', 'action', 'targetType', 'targetId', 'reason', 'hash']));
    expect(parsed.data.every((row) => row.action.startsWith('registration.'))).toBe(true);
    // The same events as the list, oldest first.
    expect(parsed.data.map((row) => Number(row.id))).toEqual([...listed].sort((a, b) => a - b));

    // The export is itself audited; the chain checks out.
    const { rows } = await db.query(`SELECT actor_type, after FROM audit_events WHERE action = 'audit.exported' ORDER BY id DESC LIMIT 1`);
    expect(rows[0]).toMatchObject({ actor_type: 'staff', after: { filter: { action: 'registration.' } } });
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-ok')).toBe('true');
    expect(Number(await result.getAttribute('data-rows'))).toBeGreaterThan(listed.length);
    await page.getByTestId('audit-verify-close').click();
    expect(errors).toEqual([]);
  });

  it('lists the outbox failed first, and sends a failed message again', async () => {
    const { page, errors } = supervisor;
    await page.goto(consoleUrl(app.baseUrl, '/messages'));
    const firstState = page.getByTestId('message-state').first();
    await firstState.waitFor();
    expect(await firstState.getAttribute('data-state')).toBe('failed');
    expect(await page.locator('tbody tr').first().textContent()).toContain(STUCK.email);

    // Filters: the state, the channel, the start of the recipient.
    await page.getByRole('combobox', { name: '状態' }).click();
    await page.getByRole('option', { name: '送信失敗' }).click();
    await page.waitForURL(/failed/);
    await waitUntil(async () => (await page.getByTestId('message-state').evaluateAll((chips) => chips.map((chip) => chip.getAttribute('data-state')))).join() === 'failed', 'only the failed message is listed');
    await page.getByRole('combobox', { name: '状態' }).click();
    await page.getByRole('option', { name: '値をクリア' }).click();
    await page.getByRole('combobox', { name: '手段' }).click();
    await page.getByRole('option', { name: 'SMS' }).click();
    await page.waitForURL(/sms/);
    await page.getByText('現在のフィルターに一致する 送信メッセージ はありません。').waitFor();
    await page.getByRole('combobox', { name: '手段' }).click();
    await page.getByRole('option', { name: '値をクリア' }).click();
    await page.locator('input[name="recipient"]').fill('sato@');
    await waitUntil(async () => (await page.locator('td.column-recipient').allTextContents()).every((text) => text.startsWith('sato@')), 'only mail to sato@ is listed');

    await page.locator('input[name="recipient"]').fill(STUCK.email);
    await waitUntil(async () => (await page.locator('td.column-recipient').allTextContents()).every((text) => text === STUCK.email), `only mail to ${STUCK.email} is listed`);
    await page.getByTestId('message-retry').click();
    await sink.waitFor((m) => m.to === STUCK.email && m.subject === REGISTRATION_SUBJECT);
    await waitUntil(async () => (await page.getByTestId('message-retry').count()) === 0, 'the retried message is no longer failed');
    const { rows } = await db.query(`SELECT action FROM audit_events WHERE action = 'messaging.retried'`);
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('lets an admin manage staff: create, change the role, reset the authenticator; not demote themselves', async () => {
    const { page, errors } = await newPage();
    await signInToConsole(page, app.baseUrl, DEMO_STAFF.admin.email, now());
    expect(await menuRoutes(page)).toEqual(['#/', '#/messages', '#/audit', '#/staff', '#/imports', '#/queues', '#/status']);
    // Admins see the stuck customers but may not resend (the desk's action).
    await page.getByTestId('stuck').getByText(STUCK.email).waitFor();
    expect(await page.locator('[data-testid^="stuck-password-link-"]').count()).toBe(0);

    await page.locator('a[href="#/staff"]').first().click();
    await page.waitForURL(/#\/staff$/);
    await page.locator('td.column-email', { hasText: DEMO_STAFF.admin.email }).waitFor();
    expect(await page.locator('td.column-email').allTextContents()).toEqual(
      expect.arrayContaining([DEMO_STAFF.agent.email, DEMO_STAFF.supervisor.email, DEMO_STAFF.admin.email]),
    );

    // Create: the password policy's refusal shows next to the field, in Japanese.
    await page.goto(consoleUrl(app.baseUrl, '/staff/create'));
    await page.locator('input[name="email"]').fill('tanaka@desk.example.jp');
    await page.locator('input[name="displayName"]').fill('田中 一郎');
    await page.getByRole('combobox', { name: /役割/ }).click();
    await page.getByRole('option', { name: '主任' }).click();
    await page.locator('input[name="initialPassword"]').fill('short');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('10文字以上にしてください。').waitFor();
    await page.locator('input[name="initialPassword"]').fill('a long enough password 2024');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/staff$/);
    const row = page.locator('tbody tr', { hasText: 'tanaka@desk.example.jp' });
    await row.waitFor();
    expect(await row.textContent()).toContain('主任');

    // Edit: the role.
    await row.click();
    await page.waitForURL(/#\/staff\/[0-9a-f-]{36}$/);
    await page.getByTestId('staff-edit-email').filter({ hasText: 'tanaka@desk.example.jp' }).waitFor();
    await page.getByRole('combobox', { name: /役割/ }).click();
    await page.getByRole('option', { name: '窓口担当' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/staff$/);
    await page.locator('tbody tr', { hasText: 'tanaka@desk.example.jp' }).filter({ hasText: '窓口担当' }).waitFor();

    // The authenticator reset, with a reason.
    await page.locator('tbody tr', { hasText: 'tanaka@desk.example.jp' }).click();
    await page.getByTestId('staff-totp-reset-button').click();
    await page.getByTestId('staff-totp-reset-reason').fill('New work phone');
    await page.getByTestId('staff-totp-reset-next').click();
    await page.getByTestId('staff-totp-reset-confirm').click();
    await page.getByTestId('staff-totp-reset').waitFor({ state: 'detached' });
    const { rows } = await db.query(`SELECT reason FROM audit_events WHERE action = 'staff.totp_reset'`);
    expect(rows).toEqual([{ reason: 'New work phone' }]);

    // One's own account: the API refuses the demotion, the page says why.
    await page.goto(consoleUrl(app.baseUrl, '/staff'));
    await page.locator('tbody tr', { hasText: DEMO_STAFF.admin.email }).click();
    await page.getByTestId('staff-edit-email').filter({ hasText: DEMO_STAFF.admin.email }).waitFor();
    await page.getByRole('combobox', { name: /役割/ }).click();
    await page.getByRole('option', { name: '窓口担当' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('自分自身の役割の変更や無効化はできません').waitFor();
    expect(errors).toEqual([]);
  });

  it('refuses an agent the pages of other roles', async () => {
    const { page, errors } = await newPage();
    await signInToConsole(page, app.baseUrl, DEMO_STAFF.agent.email, now());
    await page.goto(consoleUrl(app.baseUrl, '/audit'));
    await page.waitForURL(/access-denied/);
    expect(await page.locator('td.column-id').count()).toBe(0);
    await page.goto(consoleUrl(app.baseUrl, '/staff'));
    await page.waitForURL(/access-denied/);
    expect(errors).toEqual([]);
  });
});
