import { accessSync, constants } from 'node:fs';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config';
import { dataSourceOptions } from '../../database/data-source-options';
import { migrateDatabase } from '../../database/migrate';
import { runCli } from '../../runtime/cli';
import { resolveServices } from '../../runtime/resolve-services';
import { importLegacyCsv } from './legacy-import';
import { formatImportSummary } from './legacy-import.summary';

/** `npm run import:legacy -- FILE.csv`: exit 0 when the file was read (rejected rows included), 1 when refused. */
runCli(async (log) => {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) throw new Error('usage: npm run import:legacy -- FILE.csv');
  try {
    accessSync(file, constants.R_OK);
  } catch (error) {
    throw new Error(`cannot read ${file} (${(error as NodeJS.ErrnoException).code})`, { cause: error });
  }
  const config = loadConfig();
  // The import needs Postgres only: a placeholder Redis URL keeps resolveServices from finding or spawning one.
  const services = await resolveServices(config, log, { redis: false });
  try {
    await migrateDatabase(services.databaseUrl);
    const db = new DataSource(dataSourceOptions(services.databaseUrl, 2));
    await db.initialize();
    try {
      log(`importing ${file}`);
      const report = await importLegacyCsv(db, file, {
        onProgress: ({ rowsRead }) => {
          if (process.stdout.isTTY) process.stdout.write(`\r${rowsRead} rows read`);
        },
      });
      if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
      log(formatImportSummary(report));
    } finally {
      await db.destroy();
    }
  } finally {
    await services.stop();
  }
});
