import { templateName, withAdmin } from './services';

/** Drops test databases left by files that crashed before their own cleanup (older than an hour), and stale templates. */
export default async function globalTeardown(): Promise<void> {
  await withAdmin(async (admin) => {
    const stale = await admin.query(
      `SELECT d.datname FROM pg_database d
        WHERE d.datname LIKE 'ikou\\_t\\_%'
          AND (pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification < now() - interval '1 hour'`,
    );
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    // Templates of older migration sets are never used again; a young one may belong to another
    // checkout's run going on right now (a CI clone beside a working tree), so it is left a day.
    const old = await admin.query(
      `SELECT d.datname FROM pg_database d
        WHERE d.datname LIKE 'ikou\\_tpl\\_%' AND d.datname NOT LIKE $1
          AND (pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification < now() - interval '1 day'`,
      [`${templateName()}%`],
    );
    for (const { datname } of old.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }).catch(() => undefined);
}
