import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from '../database/data-source-options';
import { runCli } from '../runtime/cli';
import { resolveServices } from '../runtime/resolve-services';
import { AuditChainVerifier, formatAuditChainReport } from './audit-chain.verifier';

/**
 * `npm run audit:verify`: walks the audit chain; exit 0 when intact, 1 naming the first broken event.
 * Read-only: it never migrates or writes. Without DATABASE_URL it checks the embedded database of `npm start`.
 */
runCli(async (log) => {
  const config = loadConfig();
  const services = await resolveServices(config, log, { redis: false });
  try {
    const db = new DataSource(dataSourceOptions(services.databaseUrl, 1));
    await db.initialize();
    try {
      const [table] = (await db.query(`SELECT to_regclass('audit_events') IS NOT NULL AS present`)) as Array<{ present: boolean }>;
      if (!table.present) throw new Error('this database has no audit log yet: apply the migrations first (npm run migration:run, or npm start)');
      const report = await new AuditChainVerifier(db).verify({
        onProgress: (rows) => {
          if (process.stdout.isTTY) process.stdout.write(`\r${rows} events checked`);
        },
      });
      if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
      if (!report.ok) throw new Error(formatAuditChainReport(report));
      log(formatAuditChainReport(report));
      // The head hash is what to keep elsewhere (docs/audit.md, "Anchoring"): a later run must still reach it.
      if (report.head) log(`head: event #${report.head.id} sha256 ${report.head.hash}`);
    } finally {
      await db.destroy();
    }
  } finally {
    await services.stop();
  }
});
