import { Client } from 'pg';
import { startApp, type RunningApp } from '../support/app-process';
import { SmtpSink } from '../support/smtp-sink';
import { verifyAuditChain } from './support/audit-chain';
import { demoNetworkId, register } from './support/registrations';
import { sleep, waitUntil } from './support/wait';

jest.setTimeout(120_000);

/** Long enough for several retries (backoff 0.5, 1, 2, 4 s …) to meet a closed port. */
const OUTAGE_MS = 8_000;

interface OutboxRow {
  recipient: string;
  message_id: string;
  state: string;
  attempts: number;
  last_error: string | null;
}

/**
 * The mail server is down for a while (connections refused). Customers go on registering; their mail
 * waits in the outbox, retried with exponential backoff; when the server is back every message is
 * delivered exactly once, with the failed tries on record.
 */
describe('fault: SMTP server down for a while', () => {
  let sink: SmtpSink;
  let app: RunningApp;
  let db: Client;

  afterAll(async () => {
    await db?.end();
    await app?.stop();
    await sink?.stop();
  });

  it('delivers every message once after the server comes back', async () => {
    sink = await SmtpSink.start();
    app = await startApp({ SMTP_URL: sink.url, SEED_DEMO_ON_FIRST_START: 'true', MAIL_RETRY_BASE_MS: '500', LEGACY_IP_LIMIT_PER_MINUTE: '1000' });
    db = new Client({ connectionString: app.database.url });
    await db.connect();
    const outbox = async () =>
      (await db.query(`SELECT recipient, message_id, state, attempts, last_error FROM outgoing_messages WHERE channel = 'mail' ORDER BY created_at`)).rows as OutboxRow[];
    const email = (n: number) => `smtp-down-${n}@example.jp`;

    await register(app.baseUrl, demoNetworkId(11), email(1));
    await sink.waitFor((m) => m.to === email(1));

    await sink.stop();
    const downAt = Date.now();
    // Registration does not depend on the mail server: the customer is answered at once.
    for (const n of [2, 3, 4, 5]) await register(app.baseUrl, demoNetworkId(10 + n), email(n));
    await sleep(OUTAGE_MS - (Date.now() - downAt));
    const during = await outbox();
    expect(during.slice(1).map((r) => r.state).every((state) => state === 'pending' || state === 'sending')).toBe(true);
    // Retried, not given up: several refused tries each, the reason on record.
    expect(Math.min(...during.slice(1).map((r) => r.attempts))).toBeGreaterThanOrEqual(2);
    expect(during.slice(1).every((r) => /ECONNREFUSED|ECONNECTION/.test(r.last_error ?? ''))).toBe(true);
    expect(sink.messages).toHaveLength(1);

    await sink.start();
    const backAt = Date.now();
    const { value: sent } = await waitUntil('every message sent', outbox, (rows) => rows.length === 5 && rows.every((r) => r.state === 'sent'), { timeoutMs: 40_000, everyMs: 100 });
    const allSentAt = Date.now();
    await sleep(1_000); // a late duplicate would show now
    expect(sent.map((row) => sink.messages.filter((m) => m.messageId === row.message_id).length)).toEqual([1, 1, 1, 1, 1]);
    expect(sink.messages).toHaveLength(5);
    expect(verifyAuditChain(app.database.url)).toMatchObject({ ok: true });
    console.log(
      `SMTP down ${((backAt - downAt) / 1000).toFixed(1)} s (${during.slice(1).map((r) => r.attempts).join(', ')} tries per message meanwhile); ` +
        `every mail delivered ${((allSentAt - backAt) / 1000).toFixed(1)} s after it came back`,
    );
  });
});
