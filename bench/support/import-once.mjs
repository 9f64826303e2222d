// Child process of legacy-import.bench.mjs: one import, so its peak RSS is the import's alone.
// Usage: node import-once.mjs DATABASE_URL FILE   → prints one JSON line.
import { performance } from 'node:perf_hooks';
import { distModule } from './dist.mjs';

const [url, file] = process.argv.slice(2);
const { DataSource } = await import('typeorm');
const { dataSourceOptions } = await distModule('database/data-source-options.js');
const { importLegacyCsv } = await distModule('contracts/legacy-import/legacy-import.js');

const db = new DataSource(dataSourceOptions(url, 2));
await db.initialize();
const started = performance.now();
const report = await importLegacyCsv(db, file);
const ms = performance.now() - started;
await db.destroy();
const { rejected, ...counts } = report;
process.stdout.write(JSON.stringify({ ms, counts, firstRejected: rejected.slice(0, 3), maxRssKb: process.resourceUsage().maxRSS }) + '\n');
