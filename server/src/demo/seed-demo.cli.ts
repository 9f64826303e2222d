import { Client } from 'pg';
import { loadConfig } from '../config/config';
import { migrateDatabase } from '../database/migrate';
import { runCli } from '../runtime/cli';
import { resolveServices } from '../runtime/resolve-services';
import { demoSignInText } from './demo-data';
import { seedDemo } from './seed-demo';

/** `npm run seed:demo`: seeds (or re-seeds, changing nothing) the demo data and prints how to sign in. */
runCli(async (log) => {
  const config = loadConfig();
  // Seeding needs Postgres only: a placeholder Redis URL keeps resolveServices from finding or spawning one.
  const services = await resolveServices(config, log, { redis: false });
  try {
    await migrateDatabase(services.databaseUrl);
    const client = new Client({ connectionString: services.databaseUrl });
    await client.connect();
    try {
      const outcome = (await seedDemo(client))!;
      const { contracts, staffInserted } = outcome;
      log(`demo contracts: ${contracts.inserted} inserted, ${contracts.updated} updated; staff users: ${staffInserted} inserted`);
      log(demoSignInText());
    } finally {
      await client.end();
    }
  } finally {
    await services.stop();
  }
});
