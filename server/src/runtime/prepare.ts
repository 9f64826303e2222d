import { loadConfig } from '../config/config';
import { migrateDatabase } from '../database/migrate';
import { seedDemoIfFirstStart } from '../demo/seed-demo';
import { resolveServices, type ResolvedServices } from './resolve-services';
import type { Runtime } from './runtime';

/** Everything before Nest starts: config, embedded services, migrations, first-start demo data. */
export async function prepareRuntime(
  role: Runtime['role'],
  log: (line: string) => void,
): Promise<{ runtime: Runtime; services: ResolvedServices }> {
  const config = loadConfig();
  const services = await resolveServices(config, log);
  try {
    if (config.migrateOnStart) {
      const ran = await migrateDatabase(services.databaseUrl);
      if (ran.length) log(`database migrated: ${ran.join(', ')}`);
    }
    if (config.seedDemoOnFirstStart && role !== 'worker') {
      const seeded = await seedDemoIfFirstStart(services.databaseUrl, log);
      if (seeded) log(seeded);
    }
  } catch (error) {
    await services.stop();
    throw error;
  }
  return { runtime: { config, databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, role }, services };
}
