import type { AppConfig } from '../config/config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { findOrStartRedis } from './local-redis';

export interface ResolvedServices {
  databaseUrl: string;
  /** Empty when the caller said it needs no Redis. */
  redisUrl: string;
  embeddedDatabase: boolean;
  stop(): Promise<void>;
}

/** Development defaults: no DATABASE_URL → embedded Postgres; no REDIS_URL → local or spawned Redis. */
export async function resolveServices(
  config: AppConfig,
  log: (line: string) => void,
  needs: { redis: boolean } = { redis: true },
): Promise<ResolvedServices> {
  const stops: Array<() => Promise<void>> = [];
  let databaseUrl = config.databaseUrl;
  let redisUrl = config.redisUrl;
  try {
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres(config.dataDir, log);
      stops.push(pg.stop);
      databaseUrl = pg.url;
    }
    if (!redisUrl && needs.redis) {
      const redis = await findOrStartRedis(config.dataDir, log);
      stops.push(redis.stop);
      redisUrl = redis.url;
    }
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
  return {
    databaseUrl,
    redisUrl: redisUrl ?? '',
    embeddedDatabase: !config.databaseUrl,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}
