import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/services';
import { Clock } from '../common/clock';
import { dataSourceOptions } from '../database/data-source-options';
import { inTransaction } from '../database/transaction';
import { AuditChainVerifier } from './audit-chain.verifier';
import { AuditEventError, type AuditEventInput } from './audit-event';
import { AuditService } from './audit.service';

jest.setTimeout(30_000);

let database: TestDatabase;
let db: DataSource;
let clock: Clock;
let sut: AuditService;
let verifier: AuditChainVerifier;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new DataSource(dataSourceOptions(database.url, 25));
  await db.initialize();
  clock = new Clock();
  sut = new AuditService(clock);
  verifier = new AuditChainVerifier(db);
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

// The log cannot be truncated between tests (that is the point): each test reads what came after its mark.
async function mark(): Promise<number> {
  const [row] = await db.query(`SELECT coalesce(max(id), 0)::int AS id FROM audit_events`);
  return row.id;
}

async function eventsAfter(id: number) {
  const rows = await db.query(`SELECT * FROM audit_events WHERE id > $1 ORDER BY id`, [id]);
  return rows.map((row: { id: string }) => ({ ...row, id: Number(row.id) }));
}

const event: AuditEventInput = {
  actor: { type: 'customer', id: '0c6f6f9e-5d2a-4a39-a0a4-6f0b2e9d1c11' },
  action: 'registration.completed',
  target: { type: 'login_account', id: '0c6f6f9e-5d2a-4a39-a0a4-6f0b2e9d1c11' },
};

describe(AuditService.name, () => {
  it('records an event, every field, in the transaction of the change', async () => {
    const start = await mark();
    clock.advance(60_000);
    const before = clock.now();
    const recorded = await inTransaction(db, (tx) =>
      sut.record(tx, {
        ...event,
        ip: '2001:DB8:0:0::1',
        userAgent: 'Mozilla/5.0 (テスト)',
        reason: 'customer asked at the desk',
        requestId: 'req-42',
        before: { state: 'pending_password' },
        after: { state: 'active', consent: { terms: '2025-04' } },
      }),
    );
    clock.reset();
    const [row] = await eventsAfter(start);
    expect(recorded).toEqual({ id: start + 1, hash: row.hash });
    expect(row).toMatchObject({
      id: start + 1,
      actor_type: 'customer',
      actor_id: event.actor.id,
      action: 'registration.completed',
      target_type: 'login_account',
      target_id: event.target!.id,
      ip: '2001:db8::1',
      user_agent: 'Mozilla/5.0 (テスト)',
      reason: 'customer asked at the desk',
      request_id: 'req-42',
      before: { state: 'pending_password' },
      after: { state: 'active', consent: { terms: '2025-04' } },
      prev_hash: start === 0 ? null : expect.stringMatching(/^[0-9a-f]{64}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The injected clock, not the database's: tests that move time see it in the log.
    expect(row.occurred_at.getTime() - before.getTime()).toBeGreaterThanOrEqual(0);
    expect(row.occurred_at.getTime() - before.getTime()).toBeLessThan(5_000);
    expect(row.occurred_at.getTime() - Date.now()).toBeGreaterThan(50_000);
    expect(await verifier.verify()).toMatchObject({ ok: true });
  });

  it('also takes the EntityManager of a TypeORM transaction', async () => {
    const start = await mark();
    await db.transaction((manager) => sut.record(manager, { ...event, action: 'registration.via_manager' }));
    expect(await eventsAfter(start)).toHaveLength(1);
  });

  it('leaves no event when the change rolls back, and no gap in the ids', async () => {
    const start = await mark();
    await expect(
      inTransaction(db, async (tx) => {
        await sut.record(tx, { ...event, action: 'registration.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await eventsAfter(start)).toEqual([]);
    await inTransaction(db, (tx) => sut.record(tx, event));
    expect((await eventsAfter(start)).map((r: { id: number }) => r.id)).toEqual([start + 1]);
  });

  it('fails, never forks the chain, in a REPEATABLE READ transaction whose snapshot predates the last event', async () => {
    const start = await mark();
    await expect(
      db.transaction('REPEATABLE READ', async (manager) => {
        await manager.query('SELECT 1 FROM audit_chain_head'); // the snapshot is taken here
        await inTransaction(db, (tx) => sut.record(tx, { ...event, action: 'registration.meanwhile' }));
        await sut.record(manager, { ...event, action: 'registration.stale_snapshot' });
      }),
    ).rejects.toThrow(/could not serialize access/);
    expect((await eventsAfter(start)).map((r: { action: string }) => r.action)).toEqual(['registration.meanwhile']);
  });

  it('refuses to record outside a transaction', async () => {
    const start = await mark();
    await expect(sut.record(db.manager, event)).rejects.toThrow(AuditEventError);
    expect(await eventsAfter(start)).toEqual([]);
  });

  it('throws a programming error for a malformed event and writes nothing', async () => {
    const start = await mark();
    await expect(inTransaction(db, (tx) => sut.record(tx, { ...event, action: 'Registration Completed' }))).rejects.toThrow(AuditEventError);
    await expect(inTransaction(db, (tx) => sut.record(tx, { ...event, actor: { type: 'staff' } }))).rejects.toThrow(/actor.id is required/);
    expect(await eventsAfter(start)).toEqual([]);
  });

  it('never stores secret-looking keys', async () => {
    const start = await mark();
    await inTransaction(db, (tx) =>
      sut.record(tx, { ...event, action: 'account.password_set', after: { password: 'hunter2', nested: { recoveryCode: 'R-1' }, email: 'a@example.jp' } }),
    );
    const [row] = await eventsAfter(start);
    expect(row.after).toEqual({ password: '[redacted]', nested: { recoveryCode: '[redacted]' }, email: 'a@example.jp' });
  });

  it('hashes exactly what Postgres gives back, for awkward values too', async () => {
    const awkward: AuditEventInput[] = [
      { ...event, ip: '::ffff:192.0.2.1', userAgent: 'nul\u0000 and lone \uD83D surrogate', reason: '改行\nと "引用" と \\' },
      { ...event, ip: '192.0.2.1', after: { n: [0.1, 1e21, -0, 5e-324, 123456789012345680000, 1.5e300], z: 'a', a: 'z', ü: 'é', '': 0 } },
      { ...event, before: JSON.parse('{"__proto__": {"x": 1}, "nested": {"b": [{"d": 1, "c": 2}], "a": null}}'), after: 'just a string' },
      { ...event, actor: { type: 'system' }, target: { type: 'outbox_message' }, after: [], before: { text: 'emoji 😀 and \uDC00 lone' } },
    ];
    for (const e of awkward) await inTransaction(db, (tx) => sut.record(tx, e));
    expect(await verifier.verify()).toMatchObject({ ok: true });
  });

  it('keeps one intact chain when 20 transactions record at once, some rolling back', async () => {
    const start = await mark();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        inTransaction(db, async (tx) => {
          await tx.manager.query('SELECT pg_sleep(0.01)');
          await sut.record(tx, { ...event, action: 'load.concurrent', after: { i } });
          await tx.manager.query('SELECT pg_sleep(0.01)');
          if (i % 5 === 4) throw new Error('rolled back');
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(16);
    const rows = await eventsAfter(start);
    expect(rows.map((r: { id: number }) => r.id)).toEqual(Array.from({ length: 16 }, (_, i) => start + 1 + i));
    expect(rows.map((r: { after: { i: number } }) => r.after.i).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i).filter((i) => i % 5 !== 4),
    );
    for (let k = 1; k < rows.length; k++) expect(rows[k].prev_hash).toBe(rows[k - 1].hash);
    expect(await verifier.verify({ batchSize: 3 })).toEqual({ ok: true, rows: start + 16, head: { id: start + 16, hash: rows[15].hash } });
  });
});

describe('the audit_events table', () => {
  beforeAll(async () => {
    await inTransaction(db, (tx) => sut.record(tx, { ...event, action: 'table.guarded' }));
  });

  it.each([
    ['UPDATE', `UPDATE audit_events SET reason = 'rewritten'`],
    ['DELETE', `DELETE FROM audit_events`],
    ['TRUNCATE', `TRUNCATE audit_events`],
  ])('refuses %s', async (_op, sql) => {
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM audit_events`);
    await expect(db.query(sql)).rejects.toThrow(/the audit log is append-only/);
    expect((await db.query(`SELECT count(*)::int AS count FROM audit_events WHERE reason IS NOT DISTINCT FROM 'rewritten'`))[0].count).toBe(0);
    expect((await db.query(`SELECT count(*)::int AS count FROM audit_events`))[0].count).toBe(count);
  });

  it('refuses an event that does not extend the chain head, and a hand-moved head', async () => {
    const [head] = await db.query(`SELECT last_id::int AS last_id, last_hash FROM audit_chain_head`);
    const insert = `INSERT INTO audit_events (id, occurred_at, actor_type, action, prev_hash, hash) VALUES ($1, now(), 'system', 'forged.event', $2, $3)`;
    await expect(db.query(insert, [head.last_id + 1, 'f'.repeat(64), 'e'.repeat(64)])).rejects.toThrow(/does not extend the chain/);
    await expect(db.query(insert, [head.last_id + 2, head.last_hash, 'e'.repeat(64)])).rejects.toThrow(/does not extend the chain/);
    await expect(db.query(`UPDATE audit_chain_head SET last_id = last_id + 1`)).rejects.toThrow(/moves only when an audit event is appended/);
    await expect(db.query(`DELETE FROM audit_chain_head`)).rejects.toThrow(/append-only/);
    expect(await verifier.verify()).toMatchObject({ ok: true });
  });
});
