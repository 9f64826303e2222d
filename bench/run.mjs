// `npm run bench [-- --quick]`: every bench/*.bench.mjs in turn, each in its own process, then one table of
// every row (figure, limit measured in the same run, ratio, target). The full run writes that table to
// docs/benchmarks.md as its summary; `--quick` is a smoke run and leaves the document alone.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { writeBenchmarkSection } from './support/benchmarks-doc.mjs';
import { describeMachine } from './support/machine.mjs';
import { parseRow, rowsTable } from './support/rows.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => !a.startsWith('--'));
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

function runBench(bench) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(here, bench), ...args.filter((a) => a.startsWith('--'))], { stdio: ['ignore', 'pipe', 'inherit'] });
    const rows = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      const row = parseRow(line);
      if (row) rows.push(row);
      else console.log(line);
    });
    child.on('close', (status) => resolve({ status, rows }));
  });
}

const started = Date.now();
const failed = [];
const rows = [];
for (const bench of benches) {
  console.log(`\n== ${bench} ${args.join(' ')}`);
  const t0 = Date.now();
  const result = await runBench(bench);
  rows.push(...result.rows);
  console.log(`== ${bench}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (result.status !== 0) failed.push(bench);
}
const seconds = (Date.now() - started) / 1000;
const table = rowsTable(rows);
console.log(`\n== every row (${quick ? 'quick' : 'full'} run, ${seconds.toFixed(0)} s)\n\n${table}`);
if (!quick && only.length === 0 && failed.length === 0) {
  const m = describeMachine();
  writeBenchmarkSection(
    'Summary',
    `Every row of every bench from one \`npm run bench\` (${seconds.toFixed(0)} s), next to the limit measured in the same run;
the sections below give each bench's details.

- date: ${m.date}; commit: ${m.commit}
- machine: ${m.cpus} × ${m.model}, ${m.memoryGb} GB; load average at the end: ${m.load}; Node ${m.node}

${table}`,
    { first: true },
  );
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
