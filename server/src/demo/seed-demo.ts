import { type Algorithm, hash } from '@node-rs/argon2';
import { Client } from 'pg';
import { upsertLegacyBatch, type BatchOutcome, type SqlRunner } from '../contracts/legacy-import/legacy-upsert';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD, demoContractRows, demoSignInText } from './demo-data';

export interface SeedOutcome {
  contracts: BatchOutcome;
  staffInserted: number;
}

const SEED_LOCK = 7413;

/**
 * Called at every development start: seeds only a database that holds no billing account and no staff
 * user yet, so demo rows never mix into imported data. Returns the sign-in text when it seeded.
 */
export async function seedDemoIfFirstStart(databaseUrl: string, log: (line: string) => void): Promise<string | undefined> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    if (await holdsData(client)) return undefined;
    log('first start: seeding demo data');
    const outcome = await seedDemo(client, { onlyIntoEmptyDatabase: true });
    return outcome ? demoSignInText() : undefined;
  } finally {
    await client.end();
  }
}

/** Idempotent: a second run finds every row as it would write it and changes nothing. */
export async function seedDemo(client: Client, options: { onlyIntoEmptyDatabase?: boolean } = {}): Promise<SeedOutcome | undefined> {
  const rows = demoContractRows().map((row, i) => ({ line: i + 1, row }));
  // Hashed before the transaction opens, so the lock is held for milliseconds.
  const staffHash = await hash(DEMO_STAFF_PASSWORD, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const sql: SqlRunner = async (text, params) => (await client.query(text, params)).rows;
  await client.query('BEGIN');
  try {
    // Starters racing (api and a second api) must not both decide the database is empty.
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    if (options.onlyIntoEmptyDatabase && (await holdsData(client))) {
      await client.query('ROLLBACK');
      return undefined;
    }
    const contracts = await upsertLegacyBatch(sql, rows);
    const staff = await client.query(
      `INSERT INTO staff_users (email, display_name, role, password_hash)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT ((lower(email))) DO NOTHING`,
      [DEMO_STAFF.map((s) => s.email), DEMO_STAFF.map((s) => s.displayName), DEMO_STAFF.map((s) => s.role), DEMO_STAFF.map(() => staffHash)],
    );
    await client.query('COMMIT');
    return { contracts, staffInserted: staff.rowCount ?? 0 };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function holdsData(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ holds: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM billing_accounts) OR EXISTS (SELECT 1 FROM staff_users) AS holds',
  );
  return rows[0].holds;
}

// Algorithm is a const enum: swc (the tests' compiler) cannot inline it from a .d.ts, so name the value here.
const ARGON2ID: Algorithm = 2;
