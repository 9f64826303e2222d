import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, firstSignIn, registeredCustomer, staffSignIn } from '../support/customer';
import { DEMO_LEGACY_PASSWORD, registrationClient } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

const STAFF_PASSWORD = 'Ikou-demo-staff-2024';
const DESK_SUBJECT = '「申込/契約確認サイト」サポートセンターによる2段階認証の変更のお知らせ';

/** domain.md §6.3–6.6: the desk's actions on a customer, each with a reason, audited, the dangerous ones behind the agent's own TOTP. */
describe('console: support actions on a customer', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;
  let offset = 0;
  const now = () => Date.now() + offset;
  let agent: Awaited<ReturnType<typeof staffSignIn>>;
  let supervisor: Awaited<ReturnType<typeof staffSignIn>>;
  let customer: Awaited<ReturnType<typeof firstSignIn>>;
  let customerId: string;

  /** The next 30-second step on the server's clock: a TOTP code is accepted once per step. */
  async function nextStep() {
    await registrationClient(app.baseUrl).advanceClock(30_000);
    offset += 30_000;
  }
  const agentCode = () => totp(agent.secret, now());
  const act = (who: typeof agent, path: string, body: unknown) => who.client.post(`/api/console/customers/${customerId}${path}`, body, who.csrf);
  const auditOf = async (action: string) =>
    (await db.query(`SELECT actor_type, actor_id, reason, before, after FROM audit_events WHERE action = $1 ORDER BY id DESC LIMIT 1`, [action])).rows[0];

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    await registeredCustomer(app.baseUrl, sink, 'IS10020001', 'sato@example.jp', 'natsu no umi 2023');
    customer = await firstSignIn(app.baseUrl, 'sato@example.jp', 'natsu no umi 2023');
    customerId = (await db.query(`SELECT id FROM login_accounts WHERE email = 'sato@example.jp'`)).rows[0].id;
    agent = await staffSignIn(app.baseUrl, 'agent@demo.example.jp', STAFF_PASSWORD);
    supervisor = await staffSignIn(app.baseUrl, 'supervisor@demo.example.jp', STAFF_PASSWORD);
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  it('links a network ID by hand with a reason, refuses ineligible ones, and lets only a supervisor unlink', async () => {
    expect(await act(agent, '/contracts', { networkId: 'IS10020002' })).toMatchObject({ status: 400, body: { errors: [{ field: 'reason' }] } });
    const linked = await act(agent, '/contracts', { networkId: 'is10020002', reason: 'Caller proved the contract by invoice number' });
    expect(linked).toMatchObject({ status: 201, body: { networkId: 'IS10020002', linkedVia: 'agent' } });
    const audit = await auditOf('contract.linked');
    expect(audit).toMatchObject({ actor_type: 'staff', reason: 'Caller proved the contract by invoice number', after: { networkId: 'IS10020002', linkedVia: 'agent' } });

    expect(await act(agent, '/contracts', { networkId: 'IS10020002', reason: 'again' })).toMatchObject({ status: 409, body: { code: 'already_linked_here' } });
    expect(await act(agent, '/contracts', { networkId: 'IS10070002', reason: 'IPoE too' })).toMatchObject({ status: 422, body: { code: 'excluded_service' } });
    expect(await act(agent, '/contracts', { networkId: 'IS99999999', reason: 'typo' })).toMatchObject({ status: 400, body: { errors: [{ field: 'networkId' }] } });
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'yamada@example.jp', 'haru no kaze 2023');
    expect(await act(agent, '/contracts', { networkId: 'IS10010001', reason: 'wrong customer' })).toMatchObject({ status: 409, body: { code: 'already_linked' } });

    expect((await act(agent, '/contracts/IS10020002/unlink', { reason: 'linked by mistake' })).status).toBe(403);
    const unlinked = await act(supervisor, '/contracts/IS10020002/unlink', { reason: 'linked by mistake' });
    expect(unlinked).toMatchObject({ status: 200, body: { unlinked: true } });
    expect((await db.query(`SELECT login_account_id, linked_via FROM contracts WHERE network_id = 'IS10020002'`)).rows[0]).toEqual({ login_account_id: null, linked_via: null });
    expect(await auditOf('contract.unlinked')).toMatchObject({ actor_type: 'staff', reason: 'linked by mistake', before: { linkedVia: 'agent' } });
    expect((await act(supervisor, '/contracts/IS10020002/unlink', { reason: 'twice' })).status).toBe(404);
  });

  it("clears a legacy lockout on one of the customer's contracts, so attaching works again", async () => {
    for (const password of ['wrong 1', 'wrong 2', 'wrong 3']) await customer.client.post('/api/customer/contracts/attach/verify', { networkId: 'IS10020003', password }, customer.csrf);
    const locked = await customer.client.post('/api/customer/contracts/attach/verify', { networkId: 'IS10020003', password: DEMO_LEGACY_PASSWORD }, customer.csrf);
    expect(locked.body.code).toBe('locked');
    const page = await agent.client.call('GET', `/api/console/customers/${customerId}`);
    expect(page.body.lockouts).toEqual([expect.objectContaining({ networkId: 'IS10020003', failures: 4, lockedUntil: expect.any(String) })]); // the attempt while locked counts too

    const cleared = await act(agent, '/lockouts/IS10020003/clear', { reason: 'Customer found the password on the contract letter' });
    expect(cleared).toMatchObject({ status: 200, body: { cleared: true } });
    expect(await auditOf('support.lockout_cleared')).toMatchObject({ reason: 'Customer found the password on the contract letter', before: { failures: 4 } });
    expect((await customer.client.post('/api/customer/contracts/attach/verify', { networkId: 'IS10020003', password: DEMO_LEGACY_PASSWORD }, customer.csrf)).status).toBe(200);
    expect((await act(agent, '/lockouts/IS10020003/clear', { reason: 'again' })).status).toBe(404);
    // Only network IDs on the customer's own bills.
    expect((await act(agent, '/lockouts/IS10050001/clear', { reason: 'not theirs' })).status).toBe(404);
  });

  it("reissues a recovery code behind the agent's own fresh code; the customer signs in with it", async () => {
    expect(await act(agent, '/recovery-code', { reason: 'Lost the paper', stepUpCode: '000000' })).toMatchObject({ status: 400, body: { errors: [{ field: 'stepUpCode' }] } });
    expect(await auditOf('staff.step_up_failed')).toMatchObject({ actor_type: 'staff' });
    await nextStep();
    const issued = await act(agent, '/recovery-code', { reason: 'Lost the paper', stepUpCode: agentCode() });
    expect(issued).toMatchObject({ status: 200, body: { recoveryCode: expect.any(String) } });
    // The same code cannot approve a second action.
    expect(await act(agent, '/recovery-code', { reason: 'again', stepUpCode: agentCode() })).toMatchObject({ status: 400, body: { errors: [{ field: 'stepUpCode', message: expect.stringContaining('already used') }] } });
    const notice = await sink.waitFor((m) => m.to === 'sato@example.jp' && m.subject === DESK_SUBJECT);
    expect(notice.text).toContain('リカバリーコードを再発行');
    expect(notice.text).not.toContain(issued.body.recoveryCode);
    expect(JSON.stringify(await auditOf('support.recovery_code_reissued'))).not.toContain(issued.body.recoveryCode);

    const c = browserLikeClient(app.baseUrl);
    const step = await c.post('/api/customer/login/password', { email: 'sato@example.jp', password: 'natsu no umi 2023' });
    const signedIn = await c.post('/api/customer/login/challenge/recovery', { flowToken: step.body.flowToken, recoveryCode: issued.body.recoveryCode });
    expect(signedIn.status).toBe(200);
  });

  it("resets MFA with a reason, identity notes and the agent's code: the customer is signed out and enrolls again", async () => {
    await nextStep();
    const missing = await act(agent, '/mfa-reset', { reasonCode: 'stolen', stepUpCode: agentCode() });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['identityCheck', 'reasonCode']);
    expect(await act(agent, '/mfa-reset', { reasonCode: 'lost_device', identityCheck: 'Birth date and billing address confirmed', stepUpCode: agentCode(), ticketNumber: 'BT-999999' })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'ticketNumber' }] },
    });
    expect((await customer.client.call('GET', '/api/customer/contracts')).status).toBe(200);

    await nextStep();
    const reset = await act(agent, '/mfa-reset', { reasonCode: 'lost_device', identityCheck: 'Birth date and billing address confirmed', stepUpCode: agentCode() });
    expect(reset).toMatchObject({ status: 200, body: { factorsRemoved: 1, sessionsEnded: expect.any(Number) } });
    expect((await customer.client.call('GET', '/api/customer/contracts')).status).toBe(401);
    expect(await auditOf('support.mfa_reset')).toMatchObject({ actor_type: 'staff', reason: 'lost_device: Birth date and billing address confirmed' });
    const notice = await sink.waitFor((m) => m.to === 'sato@example.jp' && m.subject === DESK_SUBJECT && m.text.includes('初期化'));
    expect(notice.text).toContain('次回ログイン時に、認証方法をあらためて登録してください。');

    const c = browserLikeClient(app.baseUrl);
    const step = await c.post('/api/customer/login/password', { email: 'sato@example.jp', password: 'natsu no umi 2023' });
    expect(step.body).toMatchObject({ state: 'mfa_enroll', factors: [] });
  });

  it('sends the password-set mail again', async () => {
    const registration = registrationClient(app.baseUrl);
    const check = await registration.legacyCheck('IS10040001', DEMO_LEGACY_PASSWORD);
    await registration.complete(check.body.flowToken, 'pending@example.jp');
    const [{ id }] = (await db.query(`SELECT id FROM login_accounts WHERE email = 'pending@example.jp'`)).rows;
    const sent = await agent.client.post(`/api/console/customers/${id}/password-link`, { reason: 'Customer deleted the first mail' }, agent.csrf);
    expect(sent).toMatchObject({ status: 200, body: { sent: true, purpose: 'initial' } });
    await sink.waitFor((m) => m.to === 'pending@example.jp' && m.subject === '「申込/契約確認サイト」パスワード設定のご案内');
  });
});
