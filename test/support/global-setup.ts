import { Redis } from 'ioredis';
import { TEST_PG_ADMIN_URL, TEST_REDIS_URL, ensureTemplate } from './services';

/** Fails the run at once, with the reason, when Postgres or Redis is not there: such tests must never pass. */
export default async function globalSetup(): Promise<void> {
  try {
    await ensureTemplate();
  } catch (error) {
    throw new Error(`PostgreSQL is required for these tests (${TEST_PG_ADMIN_URL}): ${(error as Error).message}`, { cause: error });
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis is required for these tests (${TEST_REDIS_URL}): ${(error as Error).message}`, { cause: error });
  } finally {
    redis.disconnect();
  }
}
