// `npm run bench [-- --quick]`: every bench/*.bench.mjs in turn, each in its own process.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const benches = readdirSync(here).filter((f) => f.endsWith('.bench.mjs')).sort();
const failed = [];
for (const bench of benches) {
  console.log(`\n== ${bench} ${args.join(' ')}`);
  const { status } = spawnSync(process.execPath, [join(here, bench), ...args], { stdio: 'inherit' });
  if (status !== 0) failed.push(bench);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
