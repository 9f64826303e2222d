// Bulk transfer: the plan of a 10,000-contract bill in a database of 1,000,000 contracts, and the execution
// of a 10,000-item ticket from approval to `completed`, each next to bare SQL doing the same work.
// Usage: npm run build:server && node bench/bulk-transfer.bench.mjs [--quick]
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { writeBenchmarkSection } from './support/benchmarks-doc.mjs';
import { distModule } from './support/dist.mjs';
import { describeMachine } from './support/machine.mjs';
import { reportRow } from './support/rows.mjs';

const quick = process.argv.includes('--quick');
const CONTRACTS = quick ? 100_000 : 1_000_000;
const BILL = 10_000;
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// Issue 8's targets on this kind of machine (2 cores).
const TARGET = { planMs: 300, executionMs: 1000, executionRatio: 2 };

const { migrateDatabase } = await distModule('database/migrate.js');
const { dataSourceOptions } = await distModule('database/data-source-options.js');
const { AuditService } = await distModule('audit/audit.service.js');
const { Clock } = await distModule('common/clock.js');
const { OutboxRepository } = await distModule('messaging/outbox.repository.js');
const { OutboxService } = await distModule('messaging/outbox.service.js');
const { TicketValidationService } = await distModule('bulk-transfer/ticket-validation.service.js');
const { TicketExecutionService } = await distModule('bulk-transfer/ticket-execution.service.js');
const { DataSource } = await import('typeorm');

const databaseUrl = (name) => Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();

async function seed(db) {
  // One bill of 10,000 contracts (the ticket's), the rest on bills of 10, as the ISP's customers are.
  await db.query(`INSERT INTO billing_accounts (code, customer_name, consolidated) SELECT 'B' || lpad(i::text, 8, '0'), '顧客 ' || i, i = 0 FROM generate_series(0, $1) i`, [(CONTRACTS - BILL) / 10]);
  await db.query(
    `INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id, legacy_password_scheme, legacy_password_hash)
     SELECT 'IS' || lpad(i::text, 8, '0'), 'fiber', date '2015-01-01', 'active',
            (SELECT id FROM billing_accounts WHERE code = 'B' || lpad((CASE WHEN i < $2 THEN 0 ELSE 1 + (i - $2) / 10 END)::text, 8, '0')),
            'sha256_salted', 'x'
       FROM generate_series(0, $1 - 1) i`,
    [CONTRACTS, BILL],
  );
  await db.query('ANALYZE');
}

async function newTicket(db, state) {
  const tag = randomBytes(4).toString('hex');
  const [{ id: account }] = (await db.query(`INSERT INTO login_accounts (email, password_hash, state) VALUES ($1, 'x', 'active') RETURNING id`, [`${tag}@example.jp`])).rows;
  await db.query(`UPDATE contracts SET login_account_id = NULL, linked_at = NULL, linked_via = NULL WHERE billing_account_id = (SELECT id FROM billing_accounts WHERE code = 'B00000000')`);
  await db.query(`UPDATE contracts SET login_account_id = $1, linked_at = now(), linked_via = 'self_service' WHERE network_id = 'IS00000000'`, [account]);
  const [{ id }] = (
    await db.query(
      `INSERT INTO bulk_transfer_tickets (login_account_id, email, network_id, inquiry_category, remark, channel, state, received_at, due_at, created_at, updated_at)
       VALUES ($1, $2, 'IS00000000', 'billing_and_procedures', '', 'customer_site', $3, now(), now() + interval '14 days', now(), now()) RETURNING id`,
      [account, `${tag}@example.jp`, state],
    )
  ).rows;
  return { id, account };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const name = `ikou_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  const db = new pg.Client({ connectionString: url });
  let ds;
  try {
    await migrateDatabase(url);
    await db.connect();
    process.stdout.write(`seeding ${CONTRACTS.toLocaleString('en-US')} contracts… `);
    let t0 = performance.now();
    await seed(db);
    console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);

    ds = new DataSource(dataSourceOptions(url, 4));
    await ds.initialize();
    const clock = new Clock();
    const outbox = new OutboxService(new OutboxRepository(ds), { enqueueSend: async () => undefined }, clock, { mailFrom: 'no-reply@example.jp', enqueueTimeoutMs: 500 });
    const runtime = { config: { http: { publicUrl: 'https://ikou.example.jp' }, bulkExecutionBatch: 500 } };
    const validation = new TicketValidationService(ds, new AuditService(clock), outbox, clock, runtime);
    const execution = new TicketExecutionService(ds, new AuditService(clock), outbox, clock, runtime);

    // Plan: validation of a received ticket (checks, 10,000 classified items written, history, audit), 3 runs.
    const planMs = [];
    const sqlPlanMs = [];
    for (let run = 0; run < 3; run++) {
      const ticket = await newTicket(db, 'received');
      t0 = performance.now();
      const outcome = await validation.validate(ticket.id);
      planMs.push(performance.now() - t0);
      if (outcome.state !== 'needs_review' || outcome.items !== BILL) throw new Error(`unexpected plan ${JSON.stringify(outcome)}`);
      t0 = performance.now();
      await db.query(`SELECT id, network_id, service_type, status, contracted_at, login_account_id FROM contracts WHERE billing_account_id = (SELECT id FROM billing_accounts WHERE code = 'B00000000')`);
      sqlPlanMs.push(performance.now() - t0);
      await db.query(`UPDATE bulk_transfer_tickets SET state = 'cancelled' WHERE id = $1`, [ticket.id]);
    }

    // Execution: approved → completed (batches of 500: link, item results, one audit event each, history, mail).
    const execMs = [];
    const bareMs = [];
    for (let run = 0; run < 3; run++) {
      const ticket = await newTicket(db, 'received');
      await validation.validate(ticket.id);
      await db.query(`UPDATE bulk_transfer_tickets SET state = 'approved' WHERE id = $1`, [ticket.id]);
      t0 = performance.now();
      const outcome = await execution.execute(ticket.id);
      execMs.push(performance.now() - t0);
      if (outcome.state !== 'completed' || outcome.linked !== BILL - 1) throw new Error(`unexpected execution ${JSON.stringify(outcome)}`);
      await db.query(`UPDATE bulk_transfer_tickets SET state = 'cancelled' WHERE id = $1 AND state NOT IN ('completed')`, [ticket.id]);

      // The same writes in bare SQL, batch by batch: link, mark items, one audit-sized insert per batch.
      const bare = await newTicket(db, 'received');
      await validation.validate(bare.id);
      await db.query(`CREATE TEMP TABLE IF NOT EXISTS bare_audit (id bigserial, payload jsonb)`);
      const ids = (await db.query(`SELECT id, contract_id FROM bulk_transfer_items WHERE ticket_id = $1 AND class = 'to_link' ORDER BY id`, [bare.id])).rows;
      t0 = performance.now();
      for (let i = 0; i < ids.length; i += 500) {
        const batch = ids.slice(i, i + 500);
        await db.query('BEGIN');
        const linked = await db.query(`UPDATE contracts SET login_account_id = $2, linked_at = now(), linked_via = 'bulk_ticket' WHERE id = ANY($1::uuid[]) AND login_account_id IS NULL RETURNING network_id`, [batch.map((b) => b.contract_id), bare.account]);
        await db.query(`UPDATE bulk_transfer_items SET result = 'linked', result_at = now() WHERE id = ANY($1::bigint[])`, [batch.map((b) => b.id)]);
        await db.query(`INSERT INTO bare_audit (payload) VALUES ($1)`, [JSON.stringify({ linked: linked.rows.map((r) => r.network_id) })]);
        await db.query('COMMIT');
      }
      bareMs.push(performance.now() - t0);
      await db.query(`UPDATE bulk_transfer_tickets SET state = 'cancelled' WHERE id = $1`, [bare.id]);
    }

    const plan = median(planMs);
    const exec = median(execMs);
    const bare = median(bareMs);
    const ratio = exec / bare;
    console.log(`plan ${plan.toFixed(0)} ms (SQL read alone ${median(sqlPlanMs).toFixed(0)} ms); execution ${exec.toFixed(0)} ms vs bare SQL ${bare.toFixed(0)} ms (×${ratio.toFixed(2)})`);
    const sqlPlan = median(sqlPlanMs);
    reportRow('bulk-transfer', { what: `plan, ${BILL.toLocaleString('en-US')}-contract bill in ${CONTRACTS.toLocaleString('en-US')} contracts`, figure: `${plan.toFixed(0)} ms`, limit: `one indexed SELECT: ${sqlPlan.toFixed(0)} ms`, ratio: `×${(plan / sqlPlan).toFixed(1)}`, target: `< ${TARGET.planMs} ms`, met: plan < TARGET.planMs });
    reportRow('bulk-transfer', { what: `execution, ${BILL.toLocaleString('en-US')} items, approval → completed`, figure: `${exec.toFixed(0)} ms`, limit: `bare SQL, same writes: ${bare.toFixed(0)} ms`, ratio: `×${ratio.toFixed(2)}`, target: `< ${TARGET.executionMs} ms; ≤ ${TARGET.executionRatio}× bare`, met: exec < TARGET.executionMs && ratio <= TARGET.executionRatio });
    const m = describeMachine();
    const verdict = (ok, miss) => (ok ? 'met' : `missed (${miss})`);
    const body = `\`node bench/bulk-transfer.bench.mjs\` (part of \`npm run bench\`). A database of ${CONTRACTS.toLocaleString('en-US')} contracts;
the ticket's bill holds ${BILL.toLocaleString('en-US')} of them. The built services are called in-process against the scratch
database (the queue is left out: it adds one job hand-off). Medians of 3 runs.

- date: ${m.date}; commit: ${m.commit}
- machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB; load average at the end: ${m.load}
- Node ${m.node}${quick ? '; **quick mode** (100,000 contracts)' : ''}

| what | time (ms) | limit in the same run | ratio | target |
|---|---:|---|---:|---|
| plan: validation of a 10,000-contract bill (checks, 10,000 items classified and written, history, audit) | ${plan.toFixed(0)} | one indexed SELECT of the bill's contracts: ${median(sqlPlanMs).toFixed(0)} ms | ×${(plan / median(sqlPlanMs)).toFixed(1)} | < ${TARGET.planMs} ms: ${verdict(plan < TARGET.planMs, `${plan.toFixed(0)} ms`)} |
| execution: approval → \`completed\`, 9,999 contracts linked in batches of 500 (links, item results, audit per batch, history, mail) | ${exec.toFixed(0)} | bare SQL doing the same link / item / audit writes: ${bare.toFixed(0)} ms | ×${ratio.toFixed(2)} | < ${TARGET.executionMs} ms and ≤ ${TARGET.executionRatio}× bare: ${verdict(exec < TARGET.executionMs && ratio <= TARGET.executionRatio, `${exec.toFixed(0)} ms, ×${ratio.toFixed(2)}`)} |

The plan writes 10,000 item rows with one \`INSERT … SELECT unnest(…)\`; the bare read is its floor, not its equal:
most of the plan is that insert, and half of the insert is Postgres checking the items' three foreign keys row by row
(ticket, contract, excluding staff member: 90 ms of 200 ms under \`EXPLAIN ANALYZE\`), which we keep.

Before (2026-11-25, same machine, \`--quick\`, same load): plan 250–280 ms, execution ×1.26–1.45 of bare. Two causes found
in the Postgres statement log and \`EXPLAIN ANALYZE\`: the items insert used \`ON CONFLICT DO NOTHING\` (speculative
insertion, +30 % on 10,000 rows) although a \`received\` ticket has no items left to meet; and each batch set its
items' results through a join on \`contracts\` although only the items not linked (usually none) need it. After: plan
≈ 205 ms, execution ×1.0–1.15 of bare in \`--quick\`. Batches of 1,000 or 2,000 instead of 500 made no difference
beyond the noise, so the batch stays small (a crash rolls back one batch only).`;
    if (!quick) writeBenchmarkSection('Bulk transfer', body);
    console.log(quick ? 'quick mode: docs/benchmarks.md left alone' : 'written to docs/benchmarks.md');
  } finally {
    await ds?.destroy();
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
