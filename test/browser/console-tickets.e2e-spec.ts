import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../support/app-process';
import { startAppAndBrowser } from '../support/browser';
import { collectPageErrors, consoleUrl, DEMO_STAFF, menuRoutes, signInToConsole } from '../support/console';
import { firstSignIn, registeredCustomer } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';

/** 株式会社鈴木商事: one consolidated bill of 7 contracts (IS10030001–7). */
const SUZUKI = { email: 'it-desk@suzuki-shoji.example.jp', password: 'suzuki no pasuwado 2023', networkId: 'IS10030001' };
/** 伊藤ネットワークス株式会社: one consolidated bill of 150 contracts (IS10060001–150, every 25th cancelled). */
const ITO = { email: 'soumu@ito.example.jp', password: 'honsha no pasuwado 2023' };
const LEGACY_HEADER =
  'network_id,service_type,contracted_at,status,billing_account_code,customer_name,consolidated,top_cruise_linked,contact_email,password_scheme,password_hash';
const SALTED = 'a1b2c3d4e5f60718:0000000000000000000000000000000000000000000000000000000000000000';

/**
 * The desk's bulk-transfer tickets in Chromium (domain.md §5, §6.1): a customer files a bulk request; the
 * agent finds it in the queue, takes it, excludes one contract with a reason, and submits the plan; a
 * supervisor approves it on the page, which shows the execution's progress until the ticket completes;
 * the customer then sees the linked contracts. Plus the legacy import page (supervisor) and the queues
 * page (admin).
 */
describe('console: bulk-transfer tickets, legacy import and queues (Chromium)', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let customer: Awaited<ReturnType<typeof firstSignIn>>;
  let ticketNumber = '';
  let ticketPath = '';

  beforeAll(async () => {
    sink = await SmtpSink.start();
    [app, browser] = await startAppAndBrowser({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    await registeredCustomer(app.baseUrl, sink, SUZUKI.networkId, SUZUKI.email, SUZUKI.password);
    customer = await firstSignIn(app.baseUrl, SUZUKI.email, SUZUKI.password);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
    await sink?.stop();
  });

  async function newPage(): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: collectPageErrors(page) };
  }

  const dataOf = (page: Page, testId: string, attribute: string) => page.getByTestId(testId).first().getAttribute(attribute);

  it('the agent finds the new request in the queue, takes it, excludes one contract with a reason and submits the plan', async () => {
    const filed = await customer.client.post('/api/customer/bulk-transfer', { topCruise: false }, customer.csrf);
    expect(filed.status).toBe(201);
    ticketNumber = filed.body.number as string;

    const { page, errors } = await newPage();
    await signInToConsole(page, app.baseUrl, DEMO_STAFF.agent.email, Date.now());
    expect(await menuRoutes(page)).toEqual(['#/', '#/tickets', '#/customers', '#/messages', '#/status']);

    await page.locator('a[href="#/tickets"]').first().click();
    await page.waitForURL(/#\/tickets/);
    const row = page.locator('tbody tr').filter({ hasText: ticketNumber });
    await row.waitFor();
    expect(await row.textContent()).toContain(SUZUKI.email);
    expect(await row.textContent()).toContain(SUZUKI.networkId);

    // The ticket page asks again every second while the validation worker runs.
    await row.click();
    await page.waitForURL(/#\/tickets\/[0-9a-f-]{36}\/show/);
    ticketPath = new URL(page.url()).hash.slice(1);
    await page.locator('[data-testid="ticket-page"][data-state="needs_review"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('ticket-state').textContent()).toBe('要確認');
    expect(await dataOf(page, 'ticket-sla', 'data-breached')).toBe('false');
    expect(await page.getByTestId('ticket-billing-account').textContent()).toContain('株式会社鈴木商事');
    expect(await dataOf(page, 'ticket-class-to_link', 'data-count')).toBe('6');
    expect(await dataOf(page, 'ticket-class-linked_here', 'data-count')).toBe('1');
    expect(await page.getByTestId('ticket-flag-explained').count()).toBe(0);
    // Agents never approve.
    expect(await page.getByTestId('ticket-approve').count()).toBe(0);

    await page.getByTestId('ticket-assign').click();
    await page.getByTestId('ticket-assignee').filter({ hasText: DEMO_STAFF.agent.displayName }).waitFor();
    await page.getByTestId('ticket-assign').waitFor({ state: 'detached' });

    // The plan, sorted by network ID: the first to link is IS10030002 (IS10030001 is linked already).
    const planRows = page.getByTestId('plan-row');
    await planRows.first().waitFor();
    expect(await planRows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))).toEqual([
      'IS10030002',
      'IS10030003',
      'IS10030004',
      'IS10030005',
      'IS10030006',
      'IS10030007',
    ]);
    // The API sorts: the other order arrives as a new page of rows.
    await page.getByTestId('plan-sort').click();
    await page.locator('[data-testid="plan-row"]:first-child[data-key="IS10030007"]').waitFor();

    await page.locator('[data-testid="plan-row"][data-key="IS10030007"] [data-testid="plan-exclude"]').click();
    await page.getByTestId('ticket-exclude-next').click();
    expect(await page.getByTestId('ticket-exclude-reason-error').textContent()).toBe('必須項目です');
    await page.getByTestId('ticket-exclude-reason').fill('お客さまの依頼で別に管理する');
    await page.getByTestId('ticket-exclude-next').click();
    await page.getByTestId('ticket-exclude-confirm').click();
    await page.getByTestId('ticket-exclude').waitFor({ state: 'detached' });
    await page.locator('[data-testid="plan-row"][data-key="IS10030007"][data-excluded="true"]').waitFor();
    await page.locator('[data-testid="ticket-to-link"][data-count="5"]').waitFor();

    await page.getByTestId('ticket-note-input').fill('請求書と照合済み');
    await page.getByTestId('ticket-note-add').click();
    await page.getByTestId('ticket-notes-row').filter({ hasText: '請求書と照合済み' }).waitFor();

    await page.getByTestId('ticket-submit').click();
    await page.getByTestId('ticket-review').filter({ hasText: `${DEMO_STAFF.agent.displayName} が承認依頼済み` }).waitFor();
    await page.getByTestId('ticket-submit').waitFor({ state: 'detached' });

    // The queue's filters: the agent's own tickets; none has breached its SLA.
    const listWith = (filter: object) => page.goto(consoleUrl(app.baseUrl, `/tickets?filter=${encodeURIComponent(JSON.stringify(filter))}`));
    await listWith({ assignee: 'me', state: ['needs_review'] });
    await page.locator('tbody tr').filter({ hasText: ticketNumber }).waitFor();
    await listWith({ breached: true });
    await page.getByText(/現在のフィルターに一致する/).waitFor();
    expect(await page.locator('tbody tr').filter({ hasText: ticketNumber }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  let supervisor: { page: Page; errors: string[] };

  it('the supervisor approves on the page, which shows the progress until the ticket is completed; the customer has 6 contracts', async () => {
    supervisor = await newPage();
    const { page, errors } = supervisor;
    await signInToConsole(page, app.baseUrl, DEMO_STAFF.supervisor.email, Date.now());
    await page.goto(consoleUrl(app.baseUrl, ticketPath));
    await page.locator('[data-testid="ticket-page"][data-state="needs_review"]').waitFor();
    expect(await page.getByTestId('ticket-review').textContent()).toContain(DEMO_STAFF.agent.displayName);

    await page.getByTestId('ticket-approve').click();
    expect(await page.getByTestId('ticket-approve-dialog-confirm-text').textContent()).toContain(`5 件の契約を ${SUZUKI.email} に今すぐ移行しますか？`);
    await page.getByTestId('ticket-approve-dialog-confirm').click();
    await page.getByTestId('ticket-approve-dialog').waitFor({ state: 'detached' });

    await page.getByTestId('ticket-progress').waitFor();
    await page.locator('[data-testid="ticket-page"][data-state="completed"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('ticket-state').textContent()).toBe('完了');
    expect(await dataOf(page, 'ticket-progress', 'data-planned')).toBe('5');
    expect(await page.getByTestId('ticket-progress-done').textContent()).toBe('5');
    expect(await page.getByTestId('ticket-progress-linked').textContent()).toBe('5');
    expect(await page.getByTestId('ticket-progress-conflicts').textContent()).toBe('0');
    const linked = page.locator('[data-testid="plan-row"] [data-testid="plan-result"][data-result="linked"]');
    await linked.nth(4).waitFor();
    expect(await linked.count()).toBe(5);
    // The items to link narrow to a result or to the excluded ones, each with its count.
    expect(await dataOf(page, 'plan-show-linked', 'data-count')).toBe('5');
    expect(await dataOf(page, 'plan-show-excluded', 'data-count')).toBe('1');
    await page.getByTestId('plan-show-excluded').click();
    await page.locator('[data-testid="plan-row"][data-key="IS10030002"]').waitFor({ state: 'detached' });
    expect(await page.getByTestId('plan-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))).toEqual(['IS10030007']);
    // A closed ticket has no review actions left.
    expect(await page.locator('[data-testid="ticket-approve"], [data-testid="ticket-reject"], [data-testid="ticket-submit"]').count()).toBe(0);
    expect(await page.getByTestId('ticket-history-row').count()).toBeGreaterThanOrEqual(5);

    const contracts = await customer.client.call('GET', '/api/customer/contracts');
    expect(contracts.status).toBe(200);
    expect(contracts.body.total).toBe(6);
    expect((contracts.body.items as Array<{ networkId: string }>).map((c) => c.networkId)).not.toContain('IS10030007');

    // The queue's filter on closed states finds it.
    await page.goto(consoleUrl(app.baseUrl, `/tickets?filter=${encodeURIComponent(JSON.stringify({ state: ['completed'] }))}`));
    await page.locator('tbody tr').filter({ hasText: ticketNumber }).waitFor();

    // The dashboard charts it: one ticket closed today as completed, the median time to completion shown.
    await page.goto(consoleUrl(app.baseUrl, '/'));
    await page.getByTestId('ticket-metrics-closed').waitFor();
    expect(await page.locator('[data-testid="ticket-metrics-closed"] [role="img"]').count()).toBe(1);
    expect(await page.getByTestId('ticket-metrics-median').textContent()).toMatch(/受付から完了までの中央値: [\d.]+ 時間（過去30日間の完了 1 件）/);
    expect(await dataOf(page, 'ticket-metrics-breached', 'data-breached')).toBe('0');

    // The supervisor samples the executed transfer and marks it audited.
    await page.goto(consoleUrl(app.baseUrl, '/transfers'));
    const row = page.locator('tbody tr').filter({ hasText: ticketNumber });
    await row.waitFor();
    expect(await row.getByTestId('transfer-results').getAttribute('data-linked')).toBe('5');
    expect(await row.getByTestId('transfer-report').getAttribute('href')).toMatch(/\/api\/console\/transfers\/[0-9a-f-]+\/report\.csv$/);
    await row.getByTestId('transfer-audit').click();
    await page.getByTestId('transfer-audit-dialog-comment').fill('明細5件を請求書と照合');
    await page.getByTestId('transfer-audit-dialog-next').click();
    await page.getByTestId('transfer-audit-dialog-confirm').click();
    await page.getByTestId('transfer-audit-dialog').waitFor({ state: 'detached' });
    // Audited ones leave the default "not audited" list; the "audited" filter shows the comment.
    await page.goto(consoleUrl(app.baseUrl, `/transfers?filter=${encodeURIComponent(JSON.stringify({ audited: 'true' }))}`));
    expect(await page.locator('tbody tr').filter({ hasText: ticketNumber }).getByTestId('transfer-audited').textContent()).toContain('明細5件を請求書と照合');
    expect(errors).toEqual([]);
  });

  it('a supervisor cannot approve a plan not submitted, nor one of their own; a large plan is paged; the supervisor rejects with a reason', async () => {
    await registeredCustomer(app.baseUrl, sink, 'IS10060001', ITO.email, ITO.password);
    const ito = await firstSignIn(app.baseUrl, ITO.email, ITO.password);
    const filed = await ito.client.post('/api/customer/bulk-transfer', { topCruise: false }, ito.csrf);
    expect(filed.status).toBe(201);

    const { page, errors } = supervisor;
    await page.goto(consoleUrl(app.baseUrl, `/tickets?filter=${encodeURIComponent(JSON.stringify({ q: filed.body.number }))}`));
    const row = page.locator('tbody tr').filter({ hasText: filed.body.number as string });
    await row.waitFor();
    await row.click();
    await page.locator('[data-testid="ticket-page"][data-state="needs_review"]').waitFor({ timeout: 15_000 });

    // 150 contracts on the bill: the API sends the plan a page at a time, 50 rows a page.
    const toLink = Number(await page.getByTestId('ticket-class-to_link').getAttribute('data-count'));
    expect(toLink).toBeGreaterThan(100);
    await page.getByTestId('plan-row').nth(49).waitFor();
    expect(await page.getByTestId('plan-row').count()).toBe(50);
    expect(await page.getByTestId('plan-row').first().getAttribute('data-key')).toBe('IS10060002');
    await page.getByTestId('plan-pagination').getByRole('button', { name: '次のページへ' }).click();
    await page.locator('[data-testid="plan-row"][data-key="IS10060002"]').waitFor({ state: 'detached' });
    expect(await page.getByTestId('plan-row').count()).toBe(50);
    await page.getByTestId('plan-class-cancelled').click();
    await page.locator('[data-testid="plan-row"][data-class="cancelled"]').first().waitFor();
    expect(await page.getByTestId('plan-row').count()).toBe(6);

    // Not submitted yet: the approval is refused, and the page says why.
    await page.getByTestId('ticket-approve').click();
    await page.getByTestId('ticket-approve-dialog-confirm').click();
    const refusal = page.getByTestId('ticket-approve-dialog-error');
    await refusal.waitFor();
    expect(await refusal.getAttribute('data-code')).toBe('not_submitted');
    expect(await refusal.textContent()).toContain('まだ承認依頼されていません');
    await page.getByTestId('ticket-approve-dialog-cancel').click();

    // Submitted by this supervisor: four eyes, another supervisor must approve.
    await page.getByTestId('ticket-submit').click();
    await page.getByTestId('ticket-review').filter({ hasText: `${DEMO_STAFF.supervisor.displayName} が承認依頼済み` }).waitFor();
    await page.getByTestId('ticket-approve').click();
    await page.getByTestId('ticket-approve-dialog-confirm').click();
    await page.getByTestId('ticket-approve-dialog-error').waitFor();
    expect(await page.getByTestId('ticket-approve-dialog-error').getAttribute('data-code')).toBe('four_eyes');
    expect(await page.getByTestId('ticket-approve-dialog-error').textContent()).toContain('ほかの主任が承認してください');
    await page.getByTestId('ticket-approve-dialog-cancel').click();

    await page.getByTestId('ticket-reject').click();
    await page.getByTestId('ticket-reject-dialog-reason').fill('請求書の名義が確認できませんでした。');
    await page.getByTestId('ticket-reject-dialog-next').click();
    await page.getByTestId('ticket-reject-dialog-confirm').click();
    await page.locator('[data-testid="ticket-page"][data-state="rejected"]').waitFor();
    expect(await page.getByTestId('ticket-state').textContent()).toBe('却下');
    expect(errors).toEqual([]);
  });

  it('the supervisor uploads a legacy CSV; the run shows done with its per-row report', async () => {
    // The same signed-in supervisor (a second sign-in would need the next 30-s step of the authenticator).
    const { page, errors } = supervisor;
    await page.locator('a[href="#/imports"]').first().click();
    await page.waitForURL(/#\/imports/);
    const csv = [
      LEGACY_HEADER,
      `IS20000001,fiber,2016-04-01,active,NEW-0001,新規 顧客,true,false,a@example.jp,sha256_salted,${SALTED}`,
      `IS20000002,adsl,2012-01-15,active,NEW-0001,新規 顧客,true,false,,sha256_salted,${SALTED}`,
      `IS20000003,fiber,2015-02-30,active,NEW-0002,別の 顧客,false,false,,sha256_salted,${SALTED}`,
    ].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'legacy-2026-11.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
    await page.locator('[data-testid="import-run"], [data-testid="import-upload-error"]').first().waitFor();
    expect(await page.getByTestId('import-upload-error').count()).toBe(0);
    expect(page.url()).toMatch(/#\/imports\/[0-9a-f-]{36}\/show/);
    await page.locator('[data-testid="import-run"][data-state="done"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('import-state').textContent()).toBe('完了');
    expect(await page.getByTestId('import-rows-read').textContent()).toBe('3');
    expect(await page.getByTestId('import-report-inserted').textContent()).toBe('2');
    expect(await page.getByTestId('import-report-rejected-rows').textContent()).toBe('1');
    const rejected = page.getByTestId('import-rejected-row');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().getAttribute('data-key')).toBe('4:contracted_at');

    await page.locator('a[href="#/imports"]').first().click();
    await page.locator('tbody tr').filter({ hasText: 'legacy-2026-11.csv' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows an admin the queues with their counts', async () => {
    const { page, errors } = await newPage();
    await signInToConsole(page, app.baseUrl, DEMO_STAFF.admin.email, Date.now());
    expect(await menuRoutes(page)).toEqual(['#/', '#/messages', '#/audit', '#/staff', '#/imports', '#/queues', '#/status']);
    await page.locator('a[href="#/queues"]').first().click();
    await page.waitForURL(/#\/queues/);
    await page.locator('[data-testid="queue"][data-queue="bulk-transfer"]').waitFor();
    expect(await page.getByTestId('queue').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-queue')).sort())).toEqual([
      'bulk-transfer',
      'legacy-import',
      'mail',
      'sms-voice',
    ]);
    // Every queue shows its counts (completed jobs are removed as they finish, so they may be 0).
    for (const count of ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed']) {
      expect(await page.locator(`[data-testid="queue"][data-queue="bulk-transfer"] [data-testid="queue-count-${count}"]`).getAttribute('data-count')).toMatch(/^\d+$/);
    }
    // Nothing failed in this run (and the mail, SMS and ticket queues drop failed jobs: Postgres keeps the state).
    expect(await page.getByTestId('queue-job-retry').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
