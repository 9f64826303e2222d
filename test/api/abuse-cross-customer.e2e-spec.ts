import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { browserLikeClient, firstSignIn, registeredCustomer } from '../support/customer';
import { DEMO_LEGACY_PASSWORD } from '../support/legacy-api';
import { SmtpSink } from '../support/smtp-sink';
import { totp } from '../support/totp';

type Customer = Awaited<ReturnType<typeof firstSignIn>>;
type Answer = { status: number; body: Record<string, unknown> };

/**
 * Customer B names customer A's things by id (factors, pending enrollments, remembered devices, waiting
 * contracts, the bulk request): every answer is the one a made-up id gets, byte for byte once the id
 * itself is blanked out, so B can tell neither that the id exists nor whose it is; and A's things are
 * untouched. Contracts and tickets have no customer route by id: the lists are filtered by the session.
 */
describe('one customer naming another customer\'s ids', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;
  let a: Customer;
  let b: Customer;
  let offset = 0;
  const now = () => Date.now() + offset;
  async function advance(ms: number) {
    offset += ms;
    await fetch(`${app.baseUrl}/api/test/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
  }
  const A_PHONE = '+819011112222';
  const owned = { totp: '', sms: '', pendingTotp: '', pendingVoice: '', device: '', waiting: 'IS10030001' };

  async function lastCode(recipient: string): Promise<string> {
    const [row] = (await db.query(`SELECT body_text FROM outgoing_messages WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`, [recipient])).rows;
    return (row.body_text as string).match(/\d/g)!.slice(0, 6).join('');
  }
  /** The same answer with the asked id blanked, for refusals that echo what was asked. */
  const blank = (answer: Answer, id: string) => JSON.parse(JSON.stringify(answer).split(id).join('<id>')) as Answer;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    await registeredCustomer(app.baseUrl, sink, 'IS10050001', 'tanaka@example.jp', 'ikkatsu de onegai 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10020001', 'suzuki@example.jp', 'aki no sora 2023');
    await registeredCustomer(app.baseUrl, sink, 'IS10010001', 'yamada@example.jp', 'haru no kaze 2023');
    a = await firstSignIn(app.baseUrl, 'tanaka@example.jp', 'ikkatsu de onegai 2023', now);
    b = await firstSignIn(app.baseUrl, 'suzuki@example.jp', 'aki no sora 2023', now);

    // A: an SMS factor besides the TOTP one, a pending TOTP and a pending voice enrollment, a remembered
    // device, a network ID waiting to be attached and an open bulk request.
    await advance(30_000);
    expect((await a.client.post('/api/customer/mfa/step-up', { code: totp(a.secret, now()) }, a.csrf)).status).toBe(200);
    const sms = await a.client.post('/api/customer/mfa/code/start', { channel: 'sms', phone: '090-1111-2222' }, a.csrf);
    expect((await a.client.post('/api/customer/mfa/code/confirm', { pendingFactorId: sms.body.pendingFactorId, code: await lastCode(A_PHONE) }, a.csrf)).status).toBe(200);
    owned.pendingTotp = (await a.client.post('/api/customer/mfa/totp/start', undefined, a.csrf)).body.factorId;
    await advance(31_000);
    owned.pendingVoice = (await a.client.post('/api/customer/mfa/code/start', { channel: 'voice', phone: '090-1111-3333' }, a.csrf)).body.pendingFactorId;
    await advance(30_000);
    const withDevice = browserLikeClient(app.baseUrl);
    const step = await withDevice.post('/api/customer/login/password', { email: 'tanaka@example.jp', password: 'ikkatsu de onegai 2023' });
    expect((await withDevice.post('/api/customer/login/challenge/totp', { flowToken: step.body.flowToken, code: totp(a.secret, now()), rememberDevice: true })).body.state).toBe('signed_in');
    const overview = (await a.client.call('GET', '/api/customer/mfa')).body;
    owned.totp = overview.factors.find((f: { type: string }) => f.type === 'totp').id;
    owned.sms = overview.factors.find((f: { type: string }) => f.type === 'sms').id;
    owned.device = overview.devices[0].id;
    expect((await a.client.post('/api/customer/contracts/attach/verify', { networkId: owned.waiting, password: DEMO_LEGACY_PASSWORD }, a.csrf)).status).toBe(200);
    expect((await a.client.post('/api/customer/bulk-transfer', { topCruise: false }, a.csrf)).status).toBe(201);
    expect(Object.values(owned).every(Boolean)).toBe(true);

    await advance(30_000);
    expect((await b.client.post('/api/customer/mfa/step-up', { code: totp(b.secret, now()) }, b.csrf)).status).toBe(200);
  });
  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  /** B asks with A's id and with a made-up one of the same form. */
  async function both(ask: (id: string) => Promise<Answer>, own: string, made: string): Promise<[Answer, Answer]> {
    return [blank(await ask(own), own), blank(await ask(made), made)];
  }
  const unknownId = () => randomUUID();

  it.each([
    ['remove A\'s TOTP factor', 'totp', 'DELETE /api/customer/mfa/factors/:id', 404],
    ['remove A\'s SMS factor', 'sms', 'DELETE /api/customer/mfa/factors/:id', 404],
    ['remove A\'s pending TOTP enrollment', 'pendingTotp', 'DELETE /api/customer/mfa/factors/:id', 404],
    ['forget A\'s remembered device', 'device', 'DELETE /api/customer/mfa/devices/:id', 404],
  ] as const)('%s: 404 like an unknown id, and nothing removed', async (_what, key, route, status) => {
    const path = route.split(' ')[1].replace(/:id$/, '');
    const [foreign, unknown] = await both((id) => b.client.call('DELETE', `${path}${id}`, {}, b.csrf), owned[key], unknownId());
    expect(foreign).toEqual(unknown);
    expect(foreign.status).toBe(status);
    const still = key === 'device' ? `SELECT count(*)::int AS n FROM remembered_devices WHERE id = $1 AND revoked_at IS NULL` : `SELECT count(*)::int AS n FROM mfa_factors WHERE id = $1`;
    expect((await db.query(still, [owned[key]])).rows[0].n).toBe(1);
  });

  it('cannot have a step-up code sent to A\'s phone, nor prove a step-up with it: same answers as an unknown factor', async () => {
    const sent = async () => (await db.query(`SELECT count(*)::int AS n FROM outgoing_messages WHERE recipient = $1`, [A_PHONE])).rows[0].n as number;
    const before = await sent();
    const [send, sendUnknown] = await both((factorId) => b.client.post('/api/customer/mfa/step-up/send', { factorId }, b.csrf), owned.sms, unknownId());
    expect(send).toEqual(sendUnknown);
    expect(send.status).toBe(404);
    const [prove, proveUnknown] = await both((factorId) => b.client.post('/api/customer/mfa/step-up', { code: '123456', factorId }, b.csrf), owned.sms, unknownId());
    expect(prove).toEqual(proveUnknown);
    expect(prove.status).toBe(401);
    expect(await sent()).toBe(before);
    expect((await db.query(`SELECT consecutive_failures FROM mfa_factors WHERE id = $1`, [owned.sms])).rows[0].consecutive_failures).toBe(0);
  });

  it('cannot confirm A\'s pending enrollments: 404 like an unknown enrollment, and they stay pending', async () => {
    const [t, tUnknown] = await both((factorId) => b.client.post('/api/customer/mfa/totp/confirm', { factorId, code: '123456' }, b.csrf), owned.pendingTotp, unknownId());
    expect(t).toEqual(tUnknown);
    expect(t.status).toBe(404);
    const [c, cUnknown] = await both((pendingFactorId) => b.client.post('/api/customer/mfa/code/confirm', { pendingFactorId, code: '123456' }, b.csrf), owned.pendingVoice, unknownId());
    expect(c).toEqual(cUnknown);
    expect(c.status).toBe(404);
    const rows = (await db.query(`SELECT state, consecutive_failures FROM mfa_factors WHERE id = ANY($1::uuid[])`, [[owned.pendingTotp, owned.pendingVoice]])).rows;
    expect(rows).toEqual([
      { state: 'pending', consecutive_failures: 0 },
      { state: 'pending', consecutive_failures: 0 },
    ]);
  });

  it('cannot use A\'s factors inside its own sign-in flows (challenge or enrollment)', async () => {
    await advance(31_000);
    const challenge = browserLikeClient(app.baseUrl);
    const flow = (await challenge.post('/api/customer/login/password', { email: 'suzuki@example.jp', password: 'aki no sora 2023' })).body.flowToken;
    const [send, sendUnknown] = await both((factorId) => challenge.post('/api/customer/login/challenge/send', { flowToken: flow, factorId }), owned.sms, unknownId());
    expect(send).toEqual(sendUnknown);
    expect(send.status).toBe(404);
    const [code, codeUnknown] = await both((factorId) => challenge.post('/api/customer/login/challenge/code', { flowToken: flow, factorId, code: '123456' }), owned.sms, unknownId());
    expect(code).toEqual(codeUnknown);
    expect(code.status).toBe(401);

    // A customer still enrolling (first sign-in) names A's pending enrollments.
    const enrolling = browserLikeClient(app.baseUrl);
    const first = (await enrolling.post('/api/customer/login/password', { email: 'yamada@example.jp', password: 'haru no kaze 2023' })).body;
    expect(first.state).toBe('mfa_enroll');
    const flowToken = first.flowToken;
    const asks: Array<(id: string) => Promise<Answer>> = [
      (factorId) => enrolling.post('/api/customer/login/enroll/totp/confirm', { flowToken, factorId, code: '123456' }),
      (pendingFactorId) => enrolling.post('/api/customer/login/enroll/code/resend', { flowToken, pendingFactorId }),
      (pendingFactorId) => enrolling.post('/api/customer/login/enroll/code/confirm', { flowToken, pendingFactorId, code: '123456' }),
    ];
    for (const [i, ask] of asks.entries()) {
      const [foreign, unknown] = await both(ask, i === 0 ? owned.pendingTotp : owned.pendingVoice, unknownId());
      expect(foreign).toEqual(unknown);
      expect(foreign.status).toBe(404);
    }
    expect((await db.query(`SELECT count(*)::int AS n FROM outgoing_messages WHERE recipient = '+819011113333'`)).rows[0].n).toBe(1);
  });

  it('cannot remove or register A\'s waiting contract: the answer of a network ID never verified', async () => {
    const [removed, removedUnknown] = await both((id) => b.client.call('DELETE', `/api/customer/contracts/attach/items/${id}`, {}, b.csrf), owned.waiting, 'IS10030002');
    expect(removed).toEqual(removedUnknown);
    expect(removed.status).toBe(404);
    const [confirmed, confirmedUnknown] = await both((id) => b.client.post('/api/customer/contracts/attach/confirm', { networkIds: [id] }, b.csrf), owned.waiting, 'IS10030002');
    expect(confirmed).toEqual(confirmedUnknown);
    expect(confirmed.status).toBe(409);
    expect((await a.client.call('GET', '/api/customer/contracts/attach')).body.items.map((i: { networkId: string }) => i.networkId)).toEqual([owned.waiting]);
    expect((await db.query(`SELECT login_account_id FROM contracts WHERE network_id = $1`, [owned.waiting])).rows[0].login_account_id).toBeNull();
  });

  it('sees only its own contracts and bulk request, whatever it searches for', async () => {
    const search = async (q: string) => (await b.client.call('GET', `/api/customer/contracts?q=${q}`)).body;
    expect(await search('IS10050001')).toEqual(await search('IS99990001'));
    expect((await search('IS10050001')).total).toBe(0);
    expect((await b.client.call('GET', '/api/customer/contracts')).body.items.map((c: { networkId: string }) => c.networkId)).toEqual(['IS10020001']);
    expect((await b.client.call('GET', '/api/customer/bulk-transfer')).body.request).toBeNull();
    expect((await a.client.call('GET', '/api/customer/bulk-transfer')).body.request).toMatchObject({ number: expect.stringMatching(/^BT-/) });
  });
});
