import { verify } from '@node-rs/argon2';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/services';
import { verifyLegacyPassword, type LegacyHashScheme } from '../contracts/legacy-import/legacy-password';
import { CUTOVER_FIRST_DAY, EXCLUDED_SERVICE_TYPES } from '../contracts/service-type';
import { DEMO_LEGACY_PASSWORD, DEMO_STAFF_PASSWORD } from './demo-data';
import { seedDemo, seedDemoIfFirstStart } from './seed-demo';

jest.setTimeout(30_000);

let database: TestDatabase;
let client: Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

async function snapshot() {
  const { rows } = await client.query(`
    SELECT (SELECT count(*) FROM billing_accounts)::int AS accounts,
           (SELECT count(*) FROM contracts)::int AS contracts,
           (SELECT count(*) FROM staff_users)::int AS staff,
           md5((SELECT string_agg(c::text || c.xmin || c.xmax, '|' ORDER BY c.id) FROM contracts c) ||
               (SELECT string_agg(b::text || b.xmin || b.xmax, '|' ORDER BY b.id) FROM billing_accounts b) ||
               (SELECT string_agg(s::text || s.xmin || s.xmax, '|' ORDER BY s.id) FROM staff_users s)) AS sum`);
  return rows[0] as { accounts: number; contracts: number; staff: number; sum: string };
}

describe('demo data', () => {
  let first: Awaited<ReturnType<typeof snapshot>>;

  it('is seeded at the first start, quickly, with the sign-in text', async () => {
    const lines: string[] = [];
    const started = Date.now();
    const text = await seedDemoIfFirstStart(database.url, (line) => lines.push(line));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(text).toContain('agent@demo.example.jp');
    expect(text).toContain('supervisor@demo.example.jp');
    expect(text).toContain('admin@demo.example.jp');
    expect(text).toContain(DEMO_STAFF_PASSWORD);
    expect(text).toContain(DEMO_LEGACY_PASSWORD);
    expect(text).toContain('IS10010001');
    expect(text!.split('\n').length).toBeGreaterThan(10);
    expect(lines).toEqual(['first start: seeding demo data']);
    first = await snapshot();
    expect(first).toMatchObject({ accounts: 8, contracts: 185, staff: 3 });
  });

  it('is left alone at the next start', async () => {
    expect(await seedDemoIfFirstStart(database.url, () => undefined)).toBeUndefined();
    expect(await snapshot()).toEqual(first);
  });

  it('changes nothing when seeded again (npm run seed:demo)', async () => {
    const outcome = await seedDemo(client);
    expect(outcome).toEqual({
      contracts: { inserted: 0, updated: 0, billingAccounts: { inserted: 0, updated: 0 }, blockedLines: [] },
      staffInserted: 0,
    });
    expect(await snapshot()).toEqual(first);
  });

  it('has customers of 1, 3, 6, 7 and 154 contracts, consolidated and not', async () => {
    const { rows } = await client.query(`
      SELECT count(*)::int AS contracts, b.consolidated, b.top_cruise_linked
        FROM billing_accounts b JOIN contracts c ON c.billing_account_id = b.id
       GROUP BY b.id ORDER BY b.code`);
    expect(rows).toEqual(
      expect.arrayContaining([
        { contracts: 1, consolidated: false, top_cruise_linked: false },
        { contracts: 3, consolidated: false, top_cruise_linked: false },
        { contracts: 7, consolidated: true, top_cruise_linked: false },
        { contracts: 6, consolidated: false, top_cruise_linked: false },
        { contracts: 7, consolidated: true, top_cruise_linked: true },
        { contracts: 154, consolidated: true, top_cruise_linked: true },
      ]),
    );
  });

  it('covers every excluded type, Top Cruise, cancellation, the cutover and contact emails', async () => {
    const { rows } = await client.query(`
      SELECT array_agg(DISTINCT service_type) AS types,
             count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
             count(*) FILTER (WHERE contracted_at >= $1::date)::int AS post_cutover,
             count(*) FILTER (WHERE contact_email IS NOT NULL)::int AS with_email,
             count(*) FILTER (WHERE network_id !~ '^IS[0-9]{8}$')::int AS odd_ids
        FROM contracts`, [CUTOVER_FIRST_DAY]);
    expect(rows[0].types).toEqual(expect.arrayContaining([...EXCLUDED_SERVICE_TYPES, 'top_cruise', 'fiber']));
    expect(rows[0].cancelled).toBeGreaterThan(0);
    expect(rows[0].post_cutover).toBeGreaterThan(0);
    expect(rows[0].with_email).toBeGreaterThan(0);
    expect(rows[0].odd_ids).toBe(0);
  });

  it('signs in with the printed passwords, in both legacy schemes and for staff', async () => {
    const { rows } = await client.query<{ legacy_password_scheme: LegacyHashScheme; legacy_password_hash: string }>(
      `SELECT DISTINCT ON (legacy_password_scheme) legacy_password_scheme, legacy_password_hash FROM contracts`,
    );
    expect(rows.map((r) => r.legacy_password_scheme).sort()).toEqual(['bcrypt', 'sha256_salted']);
    for (const r of rows) expect(await verifyLegacyPassword(r.legacy_password_scheme, r.legacy_password_hash, DEMO_LEGACY_PASSWORD)).toBe(true);
    const staff = await client.query<{ role: string; password_hash: string }>(`SELECT role, password_hash FROM staff_users ORDER BY role`);
    expect(staff.rows.map((s) => s.role)).toEqual(['admin', 'agent', 'supervisor']);
    for (const s of staff.rows) {
      expect(s.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verify(s.password_hash, DEMO_STAFF_PASSWORD)).toBe(true);
    }
  });

  it('is not seeded into a database that already holds imported data', async () => {
    await client.query('TRUNCATE contracts, billing_accounts, staff_users CASCADE');
    await client.query(`INSERT INTO billing_accounts (code, customer_name) VALUES ('REAL-1', '本物の顧客')`);
    expect(await seedDemoIfFirstStart(database.url, () => undefined)).toBeUndefined();
    expect(await snapshot()).toMatchObject({ accounts: 1, contracts: 0, staff: 0 });
  });
});
