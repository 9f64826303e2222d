import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../queue/queue.module';

export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in Redis (INCR + EXPIRE in one MULTI): cheap enough to run before any password
 * hashing, shared by every API replica. Short-lived by design; Postgres keeps what must persist.
 */
@Injectable()
export class RateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async hit(bucket: string, key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const name = `rl:${bucket}:${key}`;
    const [[, count], [, ttl]] = (await this.redis.multi().incr(name).ttl(name).exec()) as [[null, number], [null, number]];
    if (ttl < 0) await this.redis.expire(name, windowSeconds);
    return { allowed: count <= limit, retryAfterSeconds: ttl > 0 ? ttl : windowSeconds };
  }

  /** The decision `hit` would give, without counting this call (for limits that count failures only). */
  async peek(bucket: string, key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const name = `rl:${bucket}:${key}`;
    const [[, count], [, ttl]] = (await this.redis.multi().get(name).ttl(name).exec()) as [[null, string | null], [null, number]];
    return { allowed: Number(count ?? 0) < limit, retryAfterSeconds: ttl > 0 ? ttl : windowSeconds };
  }
}
