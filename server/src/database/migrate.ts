import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Runs pending migrations; concurrent starters (api + several workers) serialise on an advisory lock. */
export async function migrateDatabase(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 1));
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock(7411)');
    const ran = await ds.runMigrations({ transaction: 'each' });
    await ds.query('SELECT pg_advisory_unlock(7411)');
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
