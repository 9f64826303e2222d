import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/services';
import type { CustomerSession } from '../../accounts/session/customer-session.service';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { dataSourceOptions } from '../../database/data-source-options';
import type { MailQueue } from '../../messaging/mail.queue';
import type { MessagingOptions } from '../../messaging/messaging.options';
import { OutboxRepository } from '../../messaging/outbox.repository';
import { OutboxService } from '../../messaging/outbox.service';
import type { Runtime } from '../../runtime/runtime';
import { TicketExecutionService } from '../../bulk-transfer/ticket-execution.service';
import { ContractAttachService } from '../attach/contract-attach.service';
import type { LegacyCredentialService } from '../legacy-login/legacy-credential.service';
import { ContractLinkService } from './contract-link.service';

jest.setTimeout(120_000);

let database: TestDatabase;
let db: DataSource;
let attach: ContractAttachService;
let execution: TicketExecutionService;
const clock = new Clock();

beforeAll(async () => {
  database = await createTestDatabase();
  db = new DataSource(dataSourceOptions(database.url, 12));
  await db.initialize();
  const audit = new AuditService(clock);
  const outbox = new OutboxService(new OutboxRepository(db), { enqueueSend: () => Promise.resolve() } as unknown as MailQueue, clock, { mailFrom: 'no-reply@example.jp', enqueueTimeoutMs: 500 } as MessagingOptions);
  const runtime = { config: { http: { publicUrl: 'https://ikou.example.jp' } } } as unknown as Runtime;
  // Confirming never checks a password again (that was `verify`): the credential service is not reached.
  attach = new ContractAttachService(db, {} as LegacyCredentialService, new ContractLinkService(audit), audit, outbox, clock, runtime);
  execution = new TicketExecutionService(db, audit, outbox, clock, runtime);
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const SIZE = 12;
const SHARED = 4;

/**
 * Customer A's approved bulk ticket plans SIZE contracts of A's bill; customer B proved the legacy
 * passwords of SHARED of them (they wait in B's attach list). Returns both sides, ready to race.
 */
async function race() {
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const [{ id: bill }] = await db.query(`INSERT INTO billing_accounts (code, customer_name, consolidated) VALUES ($1, 'Race', true) RETURNING id`, [`B-${tag}`]);
  const [{ id: a }] = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', 'active') RETURNING id`, [`a-${tag}@example.jp`]);
  const [{ id: b }] = await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', 'active') RETURNING id`, [`b-${tag}@example.jp`]);
  await db.query(
    `INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id, legacy_password_scheme, legacy_password_hash)
     SELECT $2 || lpad(i::text, 6, '0'), 'fiber', date '2015-01-01', 'active', $1, 'sha256_salted', 'x' FROM generate_series(1, $3) i`,
    [bill, `R${tag}`, SIZE],
  );
  const [{ id: ticket }] = await db.query(
    `INSERT INTO bulk_transfer_tickets (login_account_id, email, network_id, inquiry_category, remark, channel, state, received_at, due_at, created_at, updated_at, billing_account_id)
     VALUES ($1, $2, $3, 'billing_and_procedures', '', 'customer_site', 'approved', now(), now() + interval '14 days', now(), now(), $4) RETURNING id`,
    [a, `a-${tag}@example.jp`, `R${tag}000001`, bill],
  );
  await db.query(
    `INSERT INTO bulk_transfer_items (ticket_id, contract_id, network_id, service_type, class) SELECT $1, id, network_id, service_type, 'to_link' FROM contracts WHERE billing_account_id = $2`,
    [ticket, bill],
  );
  // Spread over the bill (first, last and between), so the two sides meet the rows in different orders.
  const shared = Array.from({ length: SHARED }, (_, i) => `R${tag}${String(1 + Math.round((i * (SIZE - 1)) / (SHARED - 1))).padStart(6, '0')}`);
  await db.query(
    `INSERT INTO contract_attach_items (login_account_id, contract_id, verified_at, expires_at)
     SELECT $1, id, now(), now() + interval '30 minutes' FROM contracts WHERE network_id = ANY($2::text[])`,
    [b, shared],
  );
  const session: CustomerSession = { id: randomUUID(), loginAccountId: b, email: `b-${tag}@example.jp`, csrfToken: '' };
  return { a: a as string, b: b as string, ticket: ticket as string, shared, session };
}

describe('the same contracts attached by a customer and linked by a bulk ticket at once', () => {
  it('links each exactly once, to one owner; the other side records the conflict or is refused with a 409, never an error', async () => {
    for (let round = 0; round < 24; round++) {
      const r = await race();
      // The execution opens with a short transaction of its own: holding the customer back by 0–14 ms
      // lets either side reach the contracts first.
      const hold = (round % 8) * 2;
      const [attached, executed] = await Promise.allSettled([
        new Promise((r) => setTimeout(r, hold)).then(() => attach.confirm(r.session, r.shared, { ip: '192.0.2.9', userAgent: null, requestId: `race-${round}` })),
        execution.execute(r.ticket),
      ]);
      // The execution always finishes the ticket; the attach either links all four or refuses with a 409.
      expect(executed).toMatchObject({ status: 'fulfilled' });
      if (attached.status === 'rejected') {
        // The message is in the comparison so that a database error (a deadlock) shows what it was.
        const reason = attached.reason as Error & { code?: string; status?: number };
        expect({ kind: reason.constructor.name, code: reason.code, status: reason.status, message: reason.message }).toMatchObject({ kind: AppError.name, code: 'already_linked', status: 409 });
      }
      const owners = await db.query(`SELECT network_id, login_account_id FROM contracts WHERE network_id = ANY($1::text[]) ORDER BY network_id`, [r.shared]);
      const items = await db.query(`SELECT network_id, result FROM bulk_transfer_items WHERE ticket_id = $1 AND network_id = ANY($2::text[]) ORDER BY network_id`, [r.ticket, r.shared]);
      const linkedEvents = await db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'contract.linked' AND target_id IN (SELECT id::text FROM contracts WHERE network_id = ANY($1::text[]))`,
        [r.shared],
      );
      if (attached.status === 'fulfilled') {
        expect(owners.map((o: { login_account_id: string }) => o.login_account_id)).toEqual(r.shared.map(() => r.b));
        expect(items.map((i: { result: string }) => i.result)).toEqual(r.shared.map(() => 'conflict'));
        expect(linkedEvents[0].n).toBe(SHARED);
        expect((executed as PromiseFulfilledResult<unknown>).value).toEqual({ state: 'partially_completed', linked: SIZE - SHARED, alreadyLinked: 0, conflicts: SHARED });
      } else {
        expect(owners.map((o: { login_account_id: string }) => o.login_account_id)).toEqual(r.shared.map(() => r.a));
        expect(items.map((i: { result: string }) => i.result)).toEqual(r.shared.map(() => 'linked'));
        expect(linkedEvents[0].n).toBe(0);
        expect((executed as PromiseFulfilledResult<unknown>).value).toEqual({ state: 'completed', linked: SIZE, alreadyLinked: 0, conflicts: 0 });
        // The refused entries left B's list, as after any refusal.
        expect((await attach.list(r.b)).items).toEqual([]);
      }
      const [{ n: ownedElsewhere }] = await db.query(`SELECT count(*)::int AS n FROM contracts WHERE network_id LIKE $1 AND login_account_id IS DISTINCT FROM $2 AND login_account_id IS DISTINCT FROM $3`, [`${r.shared[0].slice(0, 7)}%`, r.a, r.b]);
      expect(ownedElsewhere).toBe(0);
    }
  });
});
