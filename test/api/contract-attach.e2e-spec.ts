import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, firstSignIn, registeredCustomer, signInWithTotp } from '../support/customer';
import { DEMO_LEGACY_PASSWORD, registrationClient } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';

const ATTACHED_SUBJECT = '「申込/契約確認サイト」ログインアカウント(メールアドレス)切り替えのご案内';

type Customer = Awaited<ReturnType<typeof firstSignIn>>;

/** §4.3 over HTTP: a signed-in customer proves more network IDs, one password each, and registers them together. */
describe('attaching more contracts', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;
  let sato: Customer;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    await registeredCustomer(app.baseUrl, sink, 'IS10020001', 'sato@example.jp', 'natsu no umi 2023');
    sato = await firstSignIn(app.baseUrl, 'sato@example.jp', 'natsu no umi 2023');
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  const verify = (c: Customer, networkId: string, password = DEMO_LEGACY_PASSWORD) =>
    c.client.post('/api/customer/contracts/attach/verify', { networkId, password }, c.csrf);
  const confirm = (c: Customer, networkIds: string[]) => c.client.post('/api/customer/contracts/attach/confirm', { networkIds }, c.csrf);
  const linkedTo = async (networkId: string) =>
    (await db.query(`SELECT a.email FROM contracts c LEFT JOIN login_accounts a ON a.id = c.login_account_id WHERE c.network_id = $1`, [networkId])).rows[0]?.email ?? null;

  it('attaches the other two contracts of a 3-contract customer in one visit, with one mail naming both', async () => {
    const before = await sato.client.call('GET', '/api/customer/contracts');
    expect(before.body.total).toBe(1);

    const wrong = await verify(sato, 'IS10020002', 'not the password');
    expect(wrong).toMatchObject({ status: 401, body: { code: 'invalid_credentials' } });
    const first = await verify(sato, 'ｉｓ１００２０００２');
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([expect.objectContaining({ networkId: 'IS10020002', serviceType: 'mail_web', serviceName: { ja: 'InfoSphere メール・Webサービス', en: 'InfoSphere mail and web' } })]);
    const second = await verify(sato, 'IS10020003');
    expect(second.body.items.map((i: { networkId: string }) => i.networkId)).toEqual(['IS10020002', 'IS10020003']);
    // Proving one twice keeps one entry; a reload of the page finds the list on the server.
    await verify(sato, 'IS10020003');
    expect((await sato.client.call('GET', '/api/customer/contracts/attach')).body).toMatchObject({ items: [{ networkId: 'IS10020002' }, { networkId: 'IS10020003' }], maxItems: 50 });
    // Nothing is linked before "Register".
    expect(await linkedTo('IS10020002')).toBeNull();

    const done = await confirm(sato, ['IS10020002', 'IS10020003']);
    expect(done).toMatchObject({ status: 200, body: { email: 'sato@example.jp', linked: [{ networkId: 'IS10020002' }, { networkId: 'IS10020003' }] } });

    const mail = await sink.waitFor((m) => m.to === 'sato@example.jp' && m.subject === ATTACHED_SUBJECT);
    expect(mail.text).toContain('IS10020002');
    expect(mail.text).toContain('IS10020003');
    expect(mail.text).toMatch(/^http:\/\/localhost:\d+\/contracts$/m);
    const after = await sato.client.call('GET', '/api/customer/contracts');
    expect(after.body.items.map((i: { networkId: string; linkedVia: string }) => [i.networkId, i.linkedVia])).toEqual([
      ['IS10020001', 'self_service'],
      ['IS10020002', 'self_service'],
      ['IS10020003', 'self_service'],
    ]);
    expect((await sato.client.call('GET', '/api/customer/contracts/attach')).body.items).toEqual([]);
    const audit = (await db.query(`SELECT action FROM audit_events WHERE actor_id = (SELECT login_account_id::text FROM contracts WHERE network_id = 'IS10020001')`)).rows.map((r) => r.action);
    expect(audit.filter((a) => a === 'contract.attach_verified')).toHaveLength(3);
    expect(audit.filter((a) => a === 'contract.linked')).toHaveLength(3);
  });

  it('gives each specific refusal only after a correct password, and never says whose a linked contract is', async () => {
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'yamada@example.jp', 'haru no kaze 2023');
    expect(await verify(sato, 'IS10020003')).toMatchObject({ status: 409, body: { code: 'already_linked_here' } });
    const elsewhere = await verify(sato, 'IS10010001');
    expect(elsewhere).toMatchObject({ status: 409, body: { code: 'already_linked' } });
    expect(JSON.stringify(elsewhere.body)).not.toContain('yamada');
    expect(await verify(sato, 'IS10070002')).toMatchObject({ status: 422, body: { code: 'excluded_service', serviceType: 'ipoe' } });
    expect(await verify(sato, 'IS10080001')).toMatchObject({ status: 422, body: { code: 'cancelled_contract' } });
    expect(await verify(sato, 'IS10080002')).toMatchObject({ status: 422, body: { code: 'post_cutover_contract' } });
    // With a wrong password every one of them answers alike, as an unknown network ID does.
    for (const id of ['IS10070003', 'IS10080001', 'IS99999999']) expect(await verify(sato, id, 'wrong')).toMatchObject({ status: 401, body: { code: 'invalid_credentials' } });
    expect((await sato.client.call('GET', '/api/customer/contracts/attach')).body.items).toEqual([]);
  });

  it('answers bad input, a missing CSRF token and a missing session with clear 4xx', async () => {
    const bad = await sato.client.post('/api/customer/contracts/attach/verify', { networkId: '??', password: '' }, sato.csrf);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['networkId', 'password']);
    const emptyConfirm = await confirm(sato, []);
    expect(emptyConfirm).toMatchObject({ status: 400, body: { errors: [{ field: 'networkIds', message: 'must name at least one network ID' }] } });
    expect((await sato.client.post('/api/customer/contracts/attach/confirm', { networkIds: 'IS10020002' }, sato.csrf)).status).toBe(400);
    expect((await sato.client.post('/api/customer/contracts/attach/verify', { networkId: 'IS10030001', password: DEMO_LEGACY_PASSWORD })).body.code).toBe('csrf_token_invalid');
    expect((await browserLikeClient(app.baseUrl).call('GET', '/api/customer/contracts/attach')).status).toBe(401);
    expect(await confirm(sato, ['IS10030001'])).toMatchObject({ status: 409, body: { code: 'not_queued', networkIds: ['IS10030001'] } });
    const remove = await sato.client.call('DELETE', '/api/customer/contracts/attach/items/IS10030001', undefined, sato.csrf);
    expect(remove).toMatchObject({ status: 404, body: { code: 'not_queued' } });
    expect(await linkedTo('IS10030001')).toBeNull();
  });

  it('links a network ID two customers race to register exactly once; the other gets a clear refusal', async () => {
    await registeredCustomer(app.baseUrl, sink, 'IS10040001', 'kato@example.jp', 'fuyu no hoshi 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10040002', 'kimura@example.jp', 'yuki no hana 2023');
    const [kato, kimura] = await Promise.all([firstSignIn(app.baseUrl, 'kato@example.jp', 'fuyu no hoshi 2023'), firstSignIn(app.baseUrl, 'kimura@example.jp', 'yuki no hana 2023')]);
    for (const id of ['IS10040003', 'IS10040004', 'IS10040005']) {
      expect((await verify(kato, id)).status).toBe(200);
      expect((await verify(kimura, id)).status).toBe(200);
    }
    for (const id of ['IS10040003', 'IS10040004', 'IS10040005']) {
      const results = await Promise.all([confirm(kato, [id]), confirm(kimura, [id])]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(loser.body).toMatchObject({ code: 'already_linked', networkIds: [id] });
      const winner = results[0].status === 200 ? 'kato@example.jp' : 'kimura@example.jp';
      expect(await linkedTo(id)).toBe(winner);
    }
    // The refused entry left the loser's list; the winner's was spent.
    expect((await kato.client.call('GET', '/api/customer/contracts/attach')).body.items).toEqual([]);
    expect((await kimura.client.call('GET', '/api/customer/contracts/attach')).body.items).toEqual([]);
  });

  it('registers the rest when one entry was linked elsewhere meanwhile, after the refusal names it', async () => {
    await registeredCustomer(app.baseUrl, sink, 'IS10030001', 'suzuki@example.jp', 'aki no sora 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10030002', 'suzuki2@example.jp', 'aki no tsuki 2023');
    const [suzuki, other] = await Promise.all([firstSignIn(app.baseUrl, 'suzuki@example.jp', 'aki no sora 2023'), firstSignIn(app.baseUrl, 'suzuki2@example.jp', 'aki no tsuki 2023')]);
    await verify(suzuki, 'IS10030003');
    await verify(suzuki, 'IS10030004');
    await verify(other, 'IS10030004');
    expect((await confirm(other, ['IS10030004'])).status).toBe(200);
    const refused = await confirm(suzuki, ['IS10030003', 'IS10030004']);
    expect(refused).toMatchObject({ status: 409, body: { code: 'already_linked', networkIds: ['IS10030004'] } });
    expect(await linkedTo('IS10030003')).toBeNull();
    expect((await suzuki.client.call('GET', '/api/customer/contracts/attach')).body.items.map((i: { networkId: string }) => i.networkId)).toEqual(['IS10030003']);
    expect(await confirm(suzuki, ['IS10030003'])).toMatchObject({ status: 200, body: { linked: [{ networkId: 'IS10030003' }] } });
    // Removing an entry before registering.
    await verify(suzuki, 'IS10030005');
    const removed = await suzuki.client.call('DELETE', '/api/customer/contracts/attach/items/is10030005', undefined, suzuki.csrf);
    expect(removed).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('shares the 3-failure / 10-minute lock with registration, and forgets a waiting entry after 30 minutes', async () => {
    const registration = registrationClient(app.baseUrl);
    expect((await registration.legacyCheck('IS10030006', 'wrong 1')).status).toBe(401);
    expect((await registration.legacyCheck('IS10030006', 'wrong 2')).status).toBe(401);
    const third = await verify(sato, 'IS10030006', 'wrong 3');
    expect(third).toMatchObject({ status: 423, body: { code: 'locked', retryAt: expect.any(String) } });
    // Locked for both flows, even with the right password.
    expect(await verify(sato, 'IS10030006')).toMatchObject({ status: 423, body: { code: 'locked' } });
    expect((await registration.legacyCheck('IS10030006', DEMO_LEGACY_PASSWORD)).status).toBe(423);

    expect((await verify(sato, 'IS10030007')).status).toBe(200);
    await registration.advanceClock(31 * 60_000);
    // The session idled out meanwhile: sign in again (the next 30-second TOTP step, so the code is fresh).
    expect((await sato.client.call('GET', '/api/customer/contracts/attach')).status).toBe(401);
    const later = () => Date.now() + 31 * 60_000;
    sato = await signInWithTotp(app.baseUrl, 'sato@example.jp', 'natsu no umi 2023', sato.secret, later);
    expect((await sato.client.call('GET', '/api/customer/contracts/attach')).body.items).toEqual([]);
    expect(await confirm(sato, ['IS10030007'])).toMatchObject({ status: 409, body: { code: 'not_queued', networkIds: ['IS10030007'] } });
    expect(await linkedTo('IS10030007')).toBeNull();
    expect((await registration.legacyCheck('IS10030006', DEMO_LEGACY_PASSWORD)).status).toBe(200);
  });
});
