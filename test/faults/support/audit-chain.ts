import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../support/app-process';

/**
 * `npm run audit:verify` (the built CLI) against a test database: the same check an operator runs, so
 * a fault that broke the hash chain (a doubled or lost event, a rewritten row) fails here.
 */
export function verifyAuditChain(databaseUrl: string): { ok: boolean; output: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'server', 'src', 'audit', 'audit-verify.cli.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: databaseUrl, DATA_DIR: mkdtempSync(join(tmpdir(), 'ikou-audit-')) },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}
