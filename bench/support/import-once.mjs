// Child process of legacy-import.bench.mjs: one import, so its peak RSS is the import's alone.
// Usage: node import-once.mjs DATABASE_URL FILE [OPTIONS_JSON]   → prints one JSON line.
// Besides the time it reports where the CPU went: this process (read, parse, validate, build the SQL) and
// the Postgres backends serving it (the SQL), read from /proc when Postgres runs on this machine.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { distModule } from './dist.mjs';

const [url, file, optionsJson] = process.argv.slice(2);
const options = optionsJson ? JSON.parse(optionsJson) : {};
const { DataSource } = await import('typeorm');
const { dataSourceOptions } = await distModule('database/data-source-options.js');
const { importLegacyCsv } = await distModule('contracts/legacy-import/legacy-import.js');

/** User + system CPU of a process in ms, or undefined when it cannot be read (Postgres elsewhere, not Linux). */
function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks; USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

const POOL = 2;
const base = dataSourceOptions(url, POOL);
// Idle connections stay open, so the backends sampled before the import are the ones that served it.
const db = new DataSource({ ...base, extra: { ...base.extra, idleTimeoutMillis: 0 } });
await db.initialize();
// Open every pooled connection first, so the backends that will serve the import exist and can be sampled.
const pids = (await Promise.all(Array.from({ length: POOL }, () => db.query('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')))).map(([r]) => r.pid);
function backendsCpu() {
  let sum = 0;
  for (const pid of pids) {
    const cpu = processCpuMs(pid);
    if (cpu === undefined) return undefined;
    sum += cpu;
  }
  return sum;
}
const pg0 = backendsCpu();
const cpu0 = process.cpuUsage();
const started = performance.now();
const report = await importLegacyCsv(db, file, options);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpu0);
const pg1 = backendsCpu();
await db.destroy();
const { rejected, ...counts } = report;
process.stdout.write(
  JSON.stringify({
    ms,
    counts,
    firstRejected: rejected.slice(0, 3),
    nodeCpuMs: (cpu.user + cpu.system) / 1000,
    postgresCpuMs: pg0 === undefined || pg1 === undefined ? undefined : pg1 - pg0,
    maxRssKb: process.resourceUsage().maxRSS,
  }) + '\n',
);
