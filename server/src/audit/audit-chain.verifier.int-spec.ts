import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/support/services';
import { Clock } from '../common/clock';
import { dataSourceOptions } from '../database/data-source-options';
import { inTransaction } from '../database/transaction';
import { auditRowHash, type AuditChainRow } from './audit-chain';
import { AuditChainVerifier, formatAuditChainReport } from './audit-chain.verifier';
import { AuditService } from './audit.service';

jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'server', 'src', 'audit', 'audit-verify.cli.js');

// Tampering needs a fresh log each time: every test gets its own database with five events.
let database: TestDatabase;
let db: DataSource;
let sut: AuditChainVerifier;

beforeEach(async () => {
  database = await createTestDatabase();
  db = new DataSource(dataSourceOptions(database.url, 2));
  await db.initialize();
  sut = new AuditChainVerifier(db);
  const audit = new AuditService(new Clock());
  const actions = ['registration.legacy_verified', 'registration.completed', 'contract.linked', 'account.password_set', 'mfa.totp_enrolled'];
  for (const [i, action] of actions.entries()) {
    await inTransaction(db, (tx) =>
      audit.record(tx, {
        actor: i === 0 ? { type: 'anonymous' } : { type: 'customer', id: 'acc-1' },
        action,
        target: { type: 'login_account', id: 'acc-1' },
        ip: '198.51.100.7',
        userAgent: 'jest',
        after: { step: i + 1 },
      }),
    );
  }
});

afterEach(async () => {
  await db?.destroy();
  await database?.drop();
});

/** What a DBA can do by hand: a superuser session with the append-only triggers switched off. */
async function byHand(sql: string, params: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await (params.length ? client.query(sql, params) : client.query(sql));
  } finally {
    await client.end();
  }
}

describe(AuditChainVerifier.name, () => {
  it('passes an intact chain, across batches', async () => {
    const [last] = await db.query(`SELECT hash FROM audit_events WHERE id = 5`);
    expect(await sut.verify({ batchSize: 2 })).toEqual({ ok: true, rows: 5, head: { id: 5, hash: last.hash } });
    expect(formatAuditChainReport(await sut.verify())).toBe('audit chain intact: 5 events');
  });

  it('passes an empty log', async () => {
    const empty = await createTestDatabase();
    const emptyDb = new DataSource(dataSourceOptions(empty.url, 1));
    await emptyDb.initialize();
    try {
      expect(await new AuditChainVerifier(emptyDb).verify()).toEqual({ ok: true, rows: 0, head: null });
    } finally {
      await emptyDb.destroy();
      await empty.drop();
    }
  });

  it('names the row whose reason was edited by hand', async () => {
    await byHand(`UPDATE audit_events SET reason = 'nothing happened' WHERE id = 3`);
    const report = await sut.verify({ batchSize: 2 });
    expect(report).toMatchObject({ ok: false, rowsChecked: 2, firstBrokenId: 3, reason: 'content changed', event: { id: 3, action: 'contract.linked' } });
    expect(formatAuditChainReport(report)).toMatch(/^audit chain broken at event #3 \(action contract\.linked, occurred_at \d{4}-\d\d-\d\dT[\d:.]+Z\): content changed/);
  });

  it.each([
    ['after', `UPDATE audit_events SET after = '{"step": 20}' WHERE id = 2`],
    ['actor', `UPDATE audit_events SET actor_id = 'acc-2' WHERE id = 2`],
    ['ip', `UPDATE audit_events SET ip = '198.51.100.8' WHERE id = 2`],
    ['after (to a number no double holds)', `UPDATE audit_events SET after = '{"step": 1e400}' WHERE id = 2`],
    [
      'time (by a microsecond, past the millisecond constraint)',
      `ALTER TABLE audit_events DROP CONSTRAINT audit_events_occurred_at_ms;
       UPDATE audit_events SET occurred_at = occurred_at + interval '1 microsecond' WHERE id = 2`,
    ],
  ])('names the row whose %s was edited by hand', async (_field, sql) => {
    await byHand(sql);
    expect(await sut.verify()).toMatchObject({ ok: false, firstBrokenId: 2, reason: 'content changed' });
  });

  it('names the row after one rewritten with a fresh hash', async () => {
    const [stored] = await db.query(`SELECT id::int AS id, occurred_at, actor_type, actor_id, action, target_type, target_id, ip::text AS ip,
                                            user_agent, reason, request_id, before, after, prev_hash FROM audit_events WHERE id = 3`);
    const forged: AuditChainRow = {
      id: stored.id,
      occurredAt: stored.occurred_at.toISOString(),
      actorType: stored.actor_type,
      actorId: stored.actor_id,
      action: stored.action,
      targetType: stored.target_type,
      targetId: stored.target_id,
      ip: stored.ip,
      userAgent: stored.user_agent,
      reason: 'nothing happened',
      requestId: stored.request_id,
      before: stored.before,
      after: stored.after,
      prevHash: stored.prev_hash,
    };
    await byHand(`UPDATE audit_events SET reason = $1, hash = $2 WHERE id = 3`, [forged.reason, auditRowHash(forged)]);
    expect(await sut.verify()).toMatchObject({ ok: false, rowsChecked: 3, firstBrokenId: 4, reason: 'chain link broken' });
  });

  it('names the row after a deleted middle row', async () => {
    await byHand(`DELETE FROM audit_events WHERE id = 3`);
    const report = await sut.verify({ batchSize: 2 });
    expect(report).toMatchObject({ ok: false, rowsChecked: 2, firstBrokenId: 4, reason: 'events missing', event: { id: 4 } });
    expect(formatAuditChainReport(report)).toMatch(/^audit chain broken at event #4 .*events missing \(the log goes from #2 to #4: event #3 was removed\)$/);
  });

  it('notices the last events removed, by the chain head', async () => {
    await byHand(`DELETE FROM audit_events WHERE id >= 4`);
    expect(await sut.verify()).toMatchObject({ ok: false, rowsChecked: 3, firstBrokenId: 4, reason: 'events missing', event: null });
  });

  it('notices an event added behind the chain head', async () => {
    const [last] = await db.query(`SELECT hash FROM audit_events WHERE id = 5`);
    const row: AuditChainRow = {
      id: 6, occurredAt: '2025-01-01T00:00:00.000Z', actorType: 'system', actorId: null, action: 'forged.event', targetType: null,
      targetId: null, ip: null, userAgent: null, reason: null, requestId: null, before: null, after: null, prevHash: last.hash,
    };
    await byHand(`INSERT INTO audit_events (id, occurred_at, actor_type, action, prev_hash, hash) VALUES (6, $1, 'system', 'forged.event', $2, $3)`, [
      row.occurredAt,
      row.prevHash,
      auditRowHash(row),
    ]);
    expect(await sut.verify()).toMatchObject({ ok: false, rowsChecked: 5, firstBrokenId: 6, reason: 'chain head mismatch' });
  });
});

describe('npm run audit:verify', () => {
  let dataDir: string;

  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.build.json)`);
    dataDir = mkdtempSync(join(tmpdir(), 'ikou-audit-'));
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function run(): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [CLI], {
      cwd: dataDir,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: database.url, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    return new Promise((done) => child.once('close', (code) => done({ code, stdout, stderr })));
  }

  it('exits 0 on an intact chain, then 1 naming the row edited by hand', async () => {
    const intact = await run();
    expect(intact).toMatchObject({ code: 0, stderr: '' });
    expect(intact.stdout).toMatch(/^audit chain intact: 5 events\nhead: event #5 sha256 [0-9a-f]{64}\n$/);

    await byHand(`UPDATE audit_events SET after = '{"step": 99}' WHERE id = 2`);
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^audit chain broken at event #2 \(action registration\.completed, occurred_at [^)]+\): content changed/);
  });
});
