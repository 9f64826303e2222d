import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port';

export interface LocalRedisHandle {
  url: string;
  stop(): Promise<void>;
}

export const NO_REDIS_HELP =
  'no Redis: nothing answers at 127.0.0.1:6379 and redis-server is not on PATH. Install it (apt-get install redis-server, brew install redis) or run `docker compose up -d redis`, or set REDIS_URL';

export async function redisAnswers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 700, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** The Redis a developer already runs, else a private redis-server under DATA_DIR. Keeps nothing on disk. */
export async function findOrStartRedis(dataDir: string, log: (line: string) => void): Promise<LocalRedisHandle> {
  const standard = 'redis://127.0.0.1:6379';
  if (await redisAnswers(standard)) return { url: standard, stop: async () => undefined };
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error(NO_REDIS_HELP);
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  log(`starting redis-server on 127.0.0.1:${port}`);
  const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await redisAnswers(url)); i++) await new Promise((r) => setTimeout(r, 100));
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}
