import bcrypt from 'bcryptjs';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { TEST_REDIS_URL, createTestDatabase, testRedisPrefix, type TestDatabase } from '../../../../test/support/services';
import type { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { RateLimiter } from '../../common/rate-limiter';
import { dataSourceOptions } from '../../database/data-source-options';
import { sha256Salted } from '../legacy-import/legacy-password';
import type { Runtime } from '../../runtime/runtime';
import { LegacyCredentialService } from './legacy-credential.service';
import { LegacyLockoutService } from './legacy-lockout.service';

let database: TestDatabase;
let db: DataSource;
let redis: Redis;
let sut: LegacyCredentialService;
const clock = new Clock();
const runtime = { config: { legacyLock: { failures: 3, minutes: 10 }, legacyIpLimitPerMinute: 10_000 } } as unknown as Runtime;
const client = { ip: '192.0.2.1', userAgent: null, requestId: 'concurrency' };

beforeAll(async () => {
  database = await createTestDatabase();
  db = new DataSource(dataSourceOptions(database.url, 25));
  await db.initialize();
  redis = new Redis(TEST_REDIS_URL, { keyPrefix: `${testRedisPrefix()}:` });
  sut = new LegacyCredentialService(db, new LegacyLockoutService(db, clock, runtime), new RateLimiter(redis), runtime);
  const salt = '0123456789abcdef0123456789abcdef';
  const [{ id: bill }] = await db.query(`INSERT INTO billing_accounts (code, customer_name, consolidated) VALUES ('B-LOCK', 'Lockout', false) RETURNING id`);
  await db.query(
    `INSERT INTO contracts (network_id, service_type, contracted_at, status, billing_account_id, legacy_password_scheme, legacy_password_hash)
     VALUES ('CC10000001', 'fiber', date '2015-01-01', 'active', $1, 'sha256_salted', $2)`,
    [bill, sha256Salted('the right one', salt)],
  );
});

afterAll(async () => {
  redis?.disconnect();
  await db?.destroy();
  await database?.drop();
});

afterEach(() => jest.restoreAllMocks());

/**
 * The guide's lock (3 failures, 10 minutes) under 20 guesses at once, counted at the hash itself: every
 * miss runs exactly one bcrypt comparison (the contract's, or the dummy beside SHA-256 and for unknown
 * IDs), so the number of comparisons is the number of passwords evaluated.
 */
describe('20 parallel wrong passwords on one network ID', () => {
  it.each([
    ['a known network ID', 'CC10000001'],
    ['an unknown network ID', 'ZZ10000001'],
  ])('%s: exactly 3 evaluated, 20 counted, the lock set once for 10 minutes', async (_kind, networkId) => {
    const compare = jest.spyOn(bcrypt, 'compare');
    const started = clock.now();
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => sut.verify(networkId, `guess ${i}`, client)));
    expect(compare).toHaveBeenCalledTimes(3);
    const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as AppError).code : 'accepted'));
    // The 3 evaluated say `invalid_credentials` or, when the 3rd charge set the lock before they looked, `locked`.
    expect(codes.filter((c) => c === 'invalid_credentials').length).toBeLessThanOrEqual(2);
    expect(codes.filter((c) => c !== 'invalid_credentials' && c !== 'locked')).toEqual([]);
    const [row] = await db.query(`SELECT failures, consecutive_failures, locked_until FROM legacy_login_attempts WHERE network_id = $1`, [networkId]);
    expect({ failures: row.failures, consecutive: row.consecutive_failures }).toEqual({ failures: 20, consecutive: 20 });
    const lockMs = row.locked_until.getTime() - started.getTime();
    expect(lockMs).toBeGreaterThanOrEqual(10 * 60_000);
    expect(lockMs).toBeLessThan(10 * 60_000 + 5_000);

    // Even the right password is not evaluated while the lock holds.
    compare.mockClear();
    await expect(sut.verify(networkId, 'the right one', client)).rejects.toMatchObject({ code: 'locked' });
    expect(compare).not.toHaveBeenCalled();
  });
});
