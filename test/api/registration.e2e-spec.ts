import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { DEMO_LEGACY_PASSWORD, passwordLinkToken, registrationClient } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';

const REGISTERED_SUBJECT = '「申込/契約確認サイト」ログインアカウント(メールアドレス)への切り替え完了のご案内';

describe('registration (domain.md §4.1) over HTTP, with a real SMTP server', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let api: ReturnType<typeof registrationClient>;
  let db: Client;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      SEED_DEMO_ON_FIRST_START: 'true',
      MAIL_RETRY_BASE_MS: '200',
      LEGACY_IP_LIMIT_PER_MINUTE: '1000',
    });
    api = registrationClient(app.baseUrl);
    db = new Client({ connectionString: app.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  it('registers, mails the guide subject with a single-use password link, and sets the password once', async () => {
    const check = await api.legacyCheck(' ｉｓ１００１０００１ ', DEMO_LEGACY_PASSWORD);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ networkId: 'IS10010001', serviceType: 'fiber', serviceName: { ja: expect.any(String) } });

    const done = await api.complete(check.body.flowToken, 'Taro.Yamada@Example.JP');
    expect(done).toMatchObject({ status: 200, body: { email: 'Taro.Yamada@example.jp' } });

    const mail = await sink.waitFor((m) => m.to === 'Taro.Yamada@example.jp');
    expect(mail.subject).toBe(REGISTERED_SUBJECT);
    expect(mail.from).toBe('no-reply@nttpc.co.jp');
    expect(mail.text).toContain('IS10010001');
    expect(mail.html).toContain('IS10010001');
    const token = passwordLinkToken(mail.text);

    const [account] = (await db.query(`SELECT a.state, a.terms_version, a.consented_at, c.linked_via FROM login_accounts a JOIN contracts c ON c.login_account_id = a.id WHERE c.network_id = 'IS10010001'`)).rows;
    expect(account).toMatchObject({ state: 'pending_password', terms_version: '2023-08', linked_via: 'self_service' });
    expect(account.consented_at).toBeInstanceOf(Date);

    expect((await api.tokenStatus(token)).body).toEqual({ valid: true, email: 'T***@example.jp' });
    const weak = await api.setPassword(token, 'password123');
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([{ field: 'password', message: 'is too common' }]);
    expect((await api.setPassword(token, 'a long enough passphrase')).status).toBe(200);
    const again = await api.setPassword(token, 'another long passphrase');
    expect(again).toMatchObject({ status: 410, body: { code: 'link_invalid' } });
    expect((await db.query(`SELECT state FROM login_accounts WHERE lower(email) = 'taro.yamada@example.jp'`)).rows[0].state).toBe('active');

    // The flow is spent: its token cannot register a second account.
    expect((await api.complete(check.body.flowToken, 'someone@example.jp')).status).toBe(410);
    // The contract is now migrated.
    expect((await api.legacyCheck('IS10010001', DEMO_LEGACY_PASSWORD)).body.code).toBe('already_linked');
  });

  it('answers an email that already has an account like a new one, and mails its owner instead of linking', async () => {
    const first = await api.legacyCheck('IS10020001', DEMO_LEGACY_PASSWORD);
    await api.complete(first.body.flowToken, 'hanako@example.jp');
    const second = await api.legacyCheck('IS10020002', DEMO_LEGACY_PASSWORD);
    const answer = await api.complete(second.body.flowToken, 'HANAKO@example.jp');
    expect(answer).toMatchObject({ status: 200, body: { email: 'HANAKO@example.jp' } });
    const notice = await sink.waitFor((m) => m.to === 'hanako@example.jp' && m.text.includes('IS10020002'));
    expect(notice.subject).not.toBe(REGISTERED_SUBJECT);
    expect(notice.text).not.toMatch(/password\/set#token=/);
    expect((await db.query(`SELECT login_account_id FROM contracts WHERE network_id = 'IS10020002'`)).rows[0].login_account_id).toBeNull();
  });

  it('names the specific refusal only after a correct password', async () => {
    expect((await api.legacyCheck('IS10070002', DEMO_LEGACY_PASSWORD)).body).toMatchObject({ code: 'excluded_service', serviceName: { ja: 'IPoEインターネットサービス' } });
    expect((await api.legacyCheck('IS10080001', DEMO_LEGACY_PASSWORD)).body.code).toBe('cancelled_contract');
    expect((await api.legacyCheck('IS10080002', DEMO_LEGACY_PASSWORD)).body.code).toBe('post_cutover_contract');
    expect((await api.legacyCheck('IS10070002', 'wrong-password')).body.code).toBe('invalid_credentials');
  });

  it('locks a network ID for 10 minutes after 3 wrong passwords, even against the right one', async () => {
    expect((await api.legacyCheck('IS10030001', 'wrong-1')).status).toBe(401);
    expect((await api.legacyCheck('IS10030001', 'wrong-2')).status).toBe(401);
    const third = await api.legacyCheck('IS10030001', 'wrong-3');
    expect(third).toMatchObject({ status: 423, body: { code: 'locked', retryAt: expect.any(String) } });
    const fourth = await api.legacyCheck('IS10030001', DEMO_LEGACY_PASSWORD);
    expect(fourth).toMatchObject({ status: 423, body: { code: 'locked' } });
    await api.advanceClock(9 * 60_000);
    expect((await api.legacyCheck('IS10030001', DEMO_LEGACY_PASSWORD)).status).toBe(423);
    await api.advanceClock(61_000);
    expect((await api.legacyCheck('IS10030001', DEMO_LEGACY_PASSWORD)).status).toBe(200);
  });

  it('locks unknown network IDs alike, and counts 20 parallel guesses as 20 failures', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => api.legacyCheck('ZZ99990001', `guess-${i}`)));
    // At most the first 3 reach the hash; those finishing after the 3rd charge set the lock say "locked".
    const wrong = results.filter((r) => r.status === 401).length;
    expect(wrong).toBeLessThanOrEqual(3);
    expect(results.filter((r) => r.status === 423)).toHaveLength(20 - wrong);
    const [row] = (await db.query(`SELECT consecutive_failures FROM legacy_login_attempts WHERE network_id = 'ZZ99990001'`)).rows;
    expect(row.consecutive_failures).toBe(20);
  });

  it('refuses bad input with 400s naming each field, and writes nothing', async () => {
    const empty = await api.post('/api/customer/registration/legacy-check', {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['networkId', 'password']);
    expect((await api.legacyCheck('IS 1001', 'x')).body.errors).toEqual([{ field: 'networkId', message: 'must be 3 to 32 letters, digits or hyphens' }]);
    const check = await api.legacyCheck('IS10020003', DEMO_LEGACY_PASSWORD);
    const unticked = await api.complete(check.body.flowToken, 'sato@example.jp', false);
    expect(unticked.status).toBe(400);
    expect(unticked.body.errors[0].field).toBe('agreeToTerms');
    expect((await api.complete(check.body.flowToken, 'not-an-email')).body.errors[0]).toEqual({ field: 'email', message: 'is not a valid email address' });
    const malformed = await fetch(`${app.baseUrl}/api/customer/registration/legacy-check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"networkId":' });
    expect(malformed.status).toBe(400);
    expect((await db.query(`SELECT count(*)::int AS n FROM login_accounts WHERE lower(email) = 'sato@example.jp'`)).rows[0].n).toBe(0);
    expect((await api.complete(check.body.flowToken, 'sato@example.jp')).status).toBe(200);
  });

  it('answers a request for a fresh link the same whether or not the email exists', async () => {
    const known = await api.requestLink('hanako@example.jp');
    const unknown = await api.requestLink('nobody-here@example.jp');
    expect(known).toMatchObject({ status: 202, text: unknown.text });
    const mail = await sink.waitFor((m) => m.to === 'hanako@example.jp' && m.subject === '「申込/契約確認サイト」パスワード設定のご案内');
    const fresh = passwordLinkToken(mail.text);
    const initial = passwordLinkToken((await sink.waitFor((m) => m.to === 'hanako@example.jp' && m.subject === REGISTERED_SUBJECT)).text);
    // The fresh link works; the older unused one was revoked by it.
    expect((await api.tokenStatus(initial)).status).toBe(410);
    expect((await api.tokenStatus(fresh)).status).toBe(200);
    expect(sink.messages.filter((m) => m.to === 'nobody-here@example.jp')).toEqual([]);
  });

  it('lets a customer whose mail went astray register again, until a password is set', async () => {
    const first = await api.legacyCheck('IS10030002', DEMO_LEGACY_PASSWORD);
    await api.complete(first.body.flowToken, 'suzuki@exmaple.jp');
    const lost = passwordLinkToken((await sink.waitFor((m) => m.to === 'suzuki@exmaple.jp')).text);

    // Same address again: a fresh link.
    const again = await api.legacyCheck('IS10030002', DEMO_LEGACY_PASSWORD);
    expect(again.status).toBe(200);
    await api.complete(again.body.flowToken, 'suzuki@exmaple.jp');
    await sink.waitFor(() => sink.messages.filter((m) => m.to === 'suzuki@exmaple.jp').length === 2);

    // The right address: the contract moves there; the mistyped account is disabled and its links die.
    const fixed = await api.legacyCheck('IS10030002', DEMO_LEGACY_PASSWORD);
    await api.complete(fixed.body.flowToken, 'suzuki@example.jp');
    const link = passwordLinkToken((await sink.waitFor((m) => m.to === 'suzuki@example.jp')).text);
    expect((await api.tokenStatus(lost)).status).toBe(410);
    const [row] = (await db.query(
      `SELECT a.email, (SELECT state FROM login_accounts WHERE email = 'suzuki@exmaple.jp') AS typo_state
         FROM contracts c JOIN login_accounts a ON a.id = c.login_account_id WHERE c.network_id = 'IS10030002'`,
    )).rows;
    expect(row).toEqual({ email: 'suzuki@example.jp', typo_state: 'disabled' });

    // Once the password is set, the contract is migrated for good.
    expect((await api.setPassword(link, 'fuyu wa tsutomete 2023')).status).toBe(200);
    expect((await api.legacyCheck('IS10030002', DEMO_LEGACY_PASSWORD)).body.code).toBe('already_linked');
  });

  it('keeps an intact audit chain of all of it', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, ['dist/server/src/audit/audit-verify.cli.js'], { env: { PATH: process.env.PATH, DATABASE_URL: app.database.url } }).toString();
    expect(out).toMatch(/audit chain intact: \d+ events/);
    const actions = (await db.query(`SELECT action FROM audit_events`)).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['registration.legacy_verified', 'registration.completed', 'contract.linked', 'account.password_set']));
  });
});

describe('the per-IP limit on legacy checks', () => {
  it('answers 429 with Retry-After before any password is checked or counted', async () => {
    const app = await startApp({ SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '3' });
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    try {
      const api = registrationClient(app.baseUrl);
      for (let i = 0; i < 3; i++) expect((await api.legacyCheck(`ZZ7777000${i}`, 'guess')).status).toBe(401);
      const limited = await api.legacyCheck('ZZ77770009', 'guess');
      expect(limited).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      const counted = (await db.query(`SELECT network_id FROM legacy_login_attempts ORDER BY 1`)).rows.map((r) => r.network_id);
      expect(counted).toEqual(['ZZ77770000', 'ZZ77770001', 'ZZ77770002']);
    } finally {
      await db.end();
      await app.stop();
    }
  });
});

describe('registration while the SMTP server is down', () => {
  it('still registers, and delivers the mail once the server is back, with the attempts recorded', async () => {
    const sink = await SmtpSink.start();
    const port = sink.port;
    await sink.stop();
    const app = await startApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, SEED_DEMO_ON_FIRST_START: 'true', MAIL_RETRY_BASE_MS: '300' });
    const db = new Client({ connectionString: app.database.url });
    await db.connect();
    let revived: SmtpSink | undefined;
    try {
      const api = registrationClient(app.baseUrl);
      const check = await api.legacyCheck('IS10010001', DEMO_LEGACY_PASSWORD);
      expect((await api.complete(check.body.flowToken, 'offline@example.jp')).status).toBe(200);
      const deadline = Date.now() + 15_000;
      let row: { attempts: number; state: string; last_error: string | null } | undefined;
      do {
        await new Promise((r) => setTimeout(r, 200));
        [row] = (await db.query(`SELECT attempts, state, last_error FROM outgoing_messages WHERE recipient = 'offline@example.jp'`)).rows;
      } while ((!row || row.attempts < 1) && Date.now() < deadline);
      expect(row).toMatchObject({ state: 'pending', last_error: expect.any(String) });
      expect(row!.attempts).toBeGreaterThanOrEqual(1);

      revived = await SmtpSink.start(port);
      const mail = await revived.waitFor((m) => m.to === 'offline@example.jp', 30_000);
      expect(mail.subject).toBe(REGISTERED_SUBJECT);
      await new Promise((r) => setTimeout(r, 1000));
      expect(revived.messages.filter((m) => m.to === 'offline@example.jp')).toHaveLength(1);
      const [sent] = (await db.query(`SELECT state, attempts FROM outgoing_messages WHERE recipient = 'offline@example.jp'`)).rows;
      expect(sent.state).toBe('sent');
      expect(sent.attempts).toBeGreaterThanOrEqual(2);
    } finally {
      await db.end();
      await app.stop();
      await revived?.stop();
    }
  });
});
