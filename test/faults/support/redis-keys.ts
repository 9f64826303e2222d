import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from '../../support/services';

/**
 * Deletes every key under `prefix`: what a Redis restart without persistence (or a FLUSHALL) does to
 * one app. The Redis server is shared by every test file running at once, so never a real FLUSHALL.
 */
export async function emptyRedisFor(prefix: string): Promise<number> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
