import { loadConfig } from '../config/config';
import { runCli } from '../runtime/cli';
import { migrateDatabase } from './migrate';

runCli(async (log) => {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required to run migrations (npm start migrates its embedded database itself)');
  const ran = await migrateDatabase(config.databaseUrl);
  log(ran.length ? `applied: ${ran.join(', ')}` : 'nothing to apply');
});
