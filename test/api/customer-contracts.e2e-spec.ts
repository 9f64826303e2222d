import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, firstSignIn, registeredCustomer } from '../support/customer';
import { SmtpSink } from '../support/smtp-sink';

/** §4.5: a signed-in customer sees every linked contract, with filters for long lists. */
describe('the customer contract list', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;
  let ito: ReturnType<typeof browserLikeClient>;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    await registeredCustomer(app.baseUrl, sink, 'IS10060001', 'ito@example.jp', 'hoshi ga mieru 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'yamada@example.jp', 'kaze ga fuku 2023');
    // The other 149 contracts of the account, as a bulk transfer will link them (that flow comes later).
    await db.query(
      `UPDATE contracts SET login_account_id = (SELECT login_account_id FROM contracts WHERE network_id = 'IS10060001'),
              linked_at = now(), linked_via = 'bulk_ticket'
        WHERE network_id LIKE 'IS1006%' AND login_account_id IS NULL AND service_type IN ('fiber', 'adsl', 'dialup', 'mail_web')`,
    );
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  const signIn = async (email: string, password: string) => (await firstSignIn(app.baseUrl, email, password)).client;

  it('lists all 150 contracts page by page, with status, service and network-ID filters', async () => {
    const c = (ito = await signIn('ito@example.jp', 'hoshi ga mieru 2023'));
    const first = await c.call('GET', '/api/customer/contracts?limit=100');
    expect(first.body.total).toBe(150);
    expect(first.body.items).toHaveLength(100);
    expect(first.body.items[0]).toMatchObject({ networkId: 'IS10060001', serviceName: { ja: expect.any(String) }, linkedVia: 'self_service' });
    const second = await c.call('GET', '/api/customer/contracts?limit=100&offset=100');
    expect(second.body.items).toHaveLength(50);
    expect(second.body.items[49].networkId).toBe('IS10060150');

    expect((await c.call('GET', '/api/customer/contracts?status=cancelled')).body.total).toBe(6);
    const search = await c.call('GET', '/api/customer/contracts?q=%EF%BC%90%EF%BC%91%EF%BC%92'); // full-width "012"
    expect(search.body.items.map((i: { networkId: string }) => i.networkId)).toEqual(['IS10060012', ...Array.from({ length: 10 }, (_, i) => `IS1006012${i}`)]);
    expect((await c.call('GET', '/api/customer/contracts?q=100%25')).body.total).toBe(0);
  });

  it('shows a customer only their own contracts, and nothing without a session', async () => {
    const other = await signIn('yamada@example.jp', 'kaze ga fuku 2023');
    const mine = await other.call('GET', '/api/customer/contracts');
    expect(mine.body.items.map((i: { networkId: string }) => i.networkId)).toEqual(['IS10010001']);
    expect((await browserLikeClient(app.baseUrl).call('GET', '/api/customer/contracts')).status).toBe(401);
  });

  it('answers bad filters with 400s naming the field', async () => {
    const bad = await ito.call('GET', '/api/customer/contracts?status=gone&limit=1000&serviceType=zzz');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'serviceType', 'status']);
  });
});
