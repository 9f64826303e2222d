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

const quick = process.argv.includes('--quick');
const ROWS = quick ? 10_000 : 100_000;
const TARGET = { seconds: 15, rssMb: 300 }; // for 100,000 rows on the 2-core reference machine
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

function copyWithPsql(url, file) {
  const columns = `network_id text, service_type text, contracted_at date, status text, billing_account_code text,
    customer_name text, consolidated boolean, top_cruise_linked boolean, contact_email text, password_scheme text,
    password_hash text`;
  const psql = (command) => execFileSync('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
  psql(`CREATE UNLOGGED TABLE legacy_copy (${columns})`);
  const started = performance.now();
  psql(`\\copy legacy_copy FROM '${file.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`);
  return { ms: performance.now() - started };
}

const fmt = {
  s: (ms) => (ms / 1000).toFixed(2),
  rate: (ms) => Math.round(ROWS / (ms / 1000)).toLocaleString('en-US'),
  mb: (mb) => (mb === undefined ? '–' : mb.toFixed(0)),
};

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
    const run = (label, path) => {
      const r = importInChild(url, path);
      runs.push({ label, ...r });
      console.log(`${label}: ${fmt.s(r.ms)} s, ${JSON.stringify(r.counts)}`);
      if (r.counts.rejectedRows) console.log('  first rejected:', r.firstRejected);
    };
    run('import into empty tables', file);
    run('re-import, nothing changed', file);
    run('import with 3 of 4 rows changed', changed);
    const copy = copyWithPsql(url, file);
    const header = '| run | time (s) | rows/s | peak RSS (MB) | inserted / updated / unchanged |';
    const rule = '|---|---:|---:|---:|---|';
    const rows = runs.map(
      (r) =>
        `| ${r.label} | ${fmt.s(r.ms)} | ${fmt.rate(r.ms)} | ${fmt.mb(r.rssMb)} | ${r.counts.inserted} / ${r.counts.updated} / ${r.counts.unchanged} |`,
    );
    rows.push(`| limit: psql \\copy into an unlogged table, no checks | ${fmt.s(copy.ms)} | ${fmt.rate(copy.ms)} | – | – |`);
    const table = [header, rule, ...rows].join('\n');
    console.log(`\n${table}\n`);
    const first = runs[0];
    const verdict =
      ROWS === 100_000
        ? `target (100,000 rows < ${TARGET.seconds} s, peak RSS < ${TARGET.rssMb} MB): ${
            first.ms / 1000 < TARGET.seconds && first.rssMb < TARGET.rssMb ? 'met' : 'MISSED'
          }`
        : 'quick mode: no target check';
    console.log(verdict);
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
database. Time is the import call alone; peak RSS is the child's whole process (\`/usr/bin/time -v\`).

- date: ${m.date}; commit: ${m.commit}
- machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB; load average at the end: ${m.load} (other work shares this machine)
- Node ${m.node}; PostgreSQL ${version} on the same machine

${table}

Target ${verdict.replace(/^target /, '')}. The last row is the ceiling: Postgres loading the same bytes with no
validation, no upsert, no indexes, no constraints and no WAL. The import validates every row, then upserts batches of
2,000 rows into indexed, constrained tables, comparing each row with the stored one. Other work shares this machine,
so the same run can take up to twice as long under load. Compare figures taken at a similar load average.
`,
    );
    console.log(`wrote ${doc}`);
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
