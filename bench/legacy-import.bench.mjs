// Legacy contract CSV import: throughput and peak memory of the built importer, next to the ceiling
// Postgres itself sets (COPY of the same file into a bare unlogged table).
// Usage: npm run build:server && node bench/legacy-import.bench.mjs [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { writeBenchmarkSection } from './support/benchmarks-doc.mjs';
import { distModule, ROOT } from './support/dist.mjs';
import { writeLegacyCsv } from './support/legacy-csv-generator.mjs';
import { describeMachine } from './support/machine.mjs';
import { reportRow } from './support/rows.mjs';

const quick = process.argv.includes('--quick');
const ROWS = quick ? 10_000 : 100_000;
// Each run is made this many times (from empty tables again) and the fastest kept: other work shares the machine.
const ROUNDS = quick ? 1 : 2;
// Issue 8's target, for 100,000 rows on the 2-core reference machine; every run is held to it.
const TARGET = { rowsPerSecond: 50_000, rssMb: 300 };
// Issue 8's before / after, measured on this machine minutes before the run that wrote the table.
const BEFORE_AFTER = `Before / after (issue 8), minutes apart on this machine. Before (commit 5f11c6b), this bench gave
13,648 / 21,496 / 11,202 rows/s (COPY limit 266,477 rows/s; Node 2.30 / 2.59 / 2.55 s CPU, Postgres 2.72 / 0.94 /
2.89 s, RSS 193 MB) at load 3.41; after: the table above. Profile before: Postgres-bound, Node idle half the time
behind one batch of 2,000 in flight; an empty-table batch's 43 ms were 26 inserting (heap, five b-tree indexes, WAL),
9.5 foreign-key triggers, 5.5 lookups (the billing account twice); Node's CPU went to papaparse's per-row stream mode
(~0.5 s), NFKC of every field (~0.3 s), pg's array serialiser (~0.2 s) and GC. Floor: the same rows by one
INSERT … SELECT from a loaded table take ~2.1 s of Postgres CPU, so one backend cannot reach 50,000 rows/s into
empty tables. Changed: papaparse's parser fed a chunk at a time, no NFKC for values already in stored form, array
literals built directly, two batches in flight cut at billing-account boundaries, plain INSERT for new contracts.
COPY into a staging table measured no cheaper in Postgres than the array parameters, so those stayed.`;
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TIME = '/usr/bin/time';

const { migrateDatabase } = await distModule('database/migrate.js');

function databaseUrl(name) {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs one import in a child process and returns its own timing and the child's peak RSS. */
function importInChild(url, file) {
  const script = join(ROOT, 'bench', 'support', 'import-once.mjs');
  const viaTime = existsSync(TIME);
  const cmd = viaTime ? TIME : process.execPath;
  const args = viaTime ? ['-v', process.execPath, script, url, file] : [script, url, file];
  const child = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`import child failed (${child.status}):\n${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').pop());
  const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1];
  return { ...result, rssMb: Number(timeRss ?? result.maxRssKb) / 1024 };
}

async function truncate(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET client_min_messages = warning');
    await client.query('TRUNCATE contracts, billing_accounts CASCADE');
  } finally {
    await client.end();
  }
}

/** The ceiling: the fastest of three loads of the same file into a fresh bare table (short runs are noisy). */
function copyWithPsql(url, file) {
  const columns = `network_id text, service_type text, contracted_at date, status text, billing_account_code text,
    customer_name text, consolidated boolean, top_cruise_linked boolean, contact_email text, password_scheme text,
    password_hash text`;
  const psql = (command) => execFileSync('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    psql(`DROP TABLE IF EXISTS legacy_copy; CREATE UNLOGGED TABLE legacy_copy (${columns})`);
    const started = performance.now();
    psql(`\\copy legacy_copy FROM '${file.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`);
    best = Math.min(best, performance.now() - started);
  }
  psql('DROP TABLE legacy_copy');
  return { ms: best };
}

const rate = (ms) => ROWS / (ms / 1000);
const fmt = {
  s: (ms) => (ms === undefined ? '–' : (ms / 1000).toFixed(2)),
  rate: (ms) => Math.round(rate(ms)).toLocaleString('en-US'),
  mb: (mb) => (mb === undefined ? '–' : mb.toFixed(0)),
};
const meets = (r) => rate(r.ms) >= TARGET.rowsPerSecond && r.rssMb < TARGET.rssMb;
const targetText = `≥ ${TARGET.rowsPerSecond.toLocaleString('en-US')} rows/s, RSS < ${TARGET.rssMb} MB`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'ikou-bench-'));
  const name = `ikou_bench_${randomBytes(4).toString('hex')}`;
  const url = databaseUrl(name);
  try {
    const file = join(dir, 'legacy.csv');
    const changed = join(dir, 'legacy-changed.csv');
    process.stdout.write(`generating ${ROWS.toLocaleString('en-US')} rows… `);
    await writeLegacyCsv(file, ROWS);
    await writeLegacyCsv(changed, ROWS, { variant: 1 });
    const mb = statSync(file).size / 2 ** 20;
    console.log(`${mb.toFixed(1)} MB`);
    await admin(`CREATE DATABASE ${name}`);
    await migrateDatabase(url);
    const runs = [];
    const run = (i, label, path) => {
      const r = importInChild(url, path);
      console.log(`${label}: ${fmt.s(r.ms)} s, ${JSON.stringify(r.counts)}`);
      if (r.counts.rejectedRows) console.log('  first rejected:', r.firstRejected);
      if (!runs[i] || r.ms < runs[i].ms) runs[i] = { label, ...r };
    };
    for (let round = 0; round < ROUNDS; round++) {
      if (round) await truncate(url);
      run(0, 'import into empty tables', file);
      run(1, 're-import, nothing changed', file);
      run(2, 'import with 3 of 4 rows changed', changed);
    }
    const copy = copyWithPsql(url, file);
    const verdict = (r) => (quick ? 'quick mode: not checked' : meets(r) ? 'met' : '**missed**');
    const header = `| run | time (s) | rows/s | limit: COPY rows/s, same run | ratio to COPY | peak RSS (MB) | CPU: Node / Postgres (s) | inserted / updated / unchanged | target ${targetText} |`;
    const rule = '|---|---:|---:|---:|---:|---:|---:|---|---|';
    const rows = runs.map(
      (r) =>
        `| ${r.label} | ${fmt.s(r.ms)} | ${fmt.rate(r.ms)} | ${fmt.rate(copy.ms)} | ${(copy.ms / r.ms).toFixed(2)} | ${fmt.mb(r.rssMb)} | ${fmt.s(r.nodeCpuMs)} / ${fmt.s(r.postgresCpuMs)} | ${r.counts.inserted} / ${r.counts.updated} / ${r.counts.unchanged} | ${verdict(r)} |`,
    );
    rows.push(`| limit: psql \\copy into an unlogged table, no checks (best of 3) | ${fmt.s(copy.ms)} | ${fmt.rate(copy.ms)} | – | 1 | – | – | – | – |`);
    const table = [header, rule, ...rows].join('\n');
    console.log(`\n${table}\n`);
    for (const r of runs) {
      reportRow('legacy-import', {
        what: `${r.label}, ${ROWS.toLocaleString('en-US')} rows`,
        figure: `${fmt.rate(r.ms)} rows/s, ${fmt.mb(r.rssMb)} MB`,
        limit: `psql \\copy, unlogged bare table: ${fmt.rate(copy.ms)} rows/s`,
        ratio: `×${(copy.ms / r.ms).toFixed(2)}`,
        target: targetText,
        met: quick ? null : meets(r),
      });
    }
    const missed = runs.filter((r) => !meets(r)).map((r) => r.label);
    const summary = quick
      ? 'quick mode: no target check'
      : `target (${targetText}, every run): ${missed.length ? `missed by ${missed.join('; ')}` : 'met'}`;
    console.log(summary);
    const first = runs[0];
    if (quick) {
      console.log('quick mode: docs/benchmarks.md not updated');
      return;
    }
    const m = describeMachine();
    const { rows: [{ server_version: version }] } = await admin('SHOW server_version');
    const doc = writeBenchmarkSection(
      'Legacy import',
      `
\`node bench/legacy-import.bench.mjs\` (part of \`npm run bench\`; run \`npm run build:server\` first).
${ROWS.toLocaleString('en-US')} generated contract rows (${mb.toFixed(1)} MB) on
${first.counts.billingAccounts.inserted.toLocaleString('en-US')} billing accounts of 1 to 12 contracts, half bcrypt and
half sha256_salted hashes, imported by the built \`importLegacyCsv\` in a child process into a freshly migrated scratch
database. Time is the import call alone, the fastest of ${ROUNDS} rounds (the tables emptied between rounds); peak RSS
is the child's whole process (\`/usr/bin/time -v\`).

- date: ${m.date}; commit: ${m.commit}
- machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB; load average at the end: ${m.load} (other work shares this machine)
- Node ${m.node}; PostgreSQL ${version} on the same machine

${table}

Target ${summary.replace(/^target /, '')}. The last row is the ceiling: Postgres loading the same bytes with no
validation, no upsert, no indexes, no constraints and no WAL; "ratio to COPY" is the import's speed as a share of it.
The import validates every row, then upserts batches of 5,000 rows into indexed, constrained tables (two batches
in flight, each in its own transaction), comparing each row with the stored one. CPU is this import's own: the Node
process (read, parse, validate, build the SQL) and the two Postgres backends serving it (the SQL). Other work shares
this machine, so the same run can take up to twice as long under load; the CPU figures move much less. Compare
figures taken at a similar load average.

${BEFORE_AFTER}
`,
    );
    console.log(`wrote ${doc}`);
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
