import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS } from '../queue/queue.module';

const REFUND = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0`;

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

  /**
   * Gives one `hit` back: limits that count failures charge every attempt first (INCR is atomic, so
   * parallel guesses are counted one by one and none slips past the limit) and refund the ones that
   * succeeded. Only while the window lives: a refund after it expired must not leave a count below zero.
   */
  async refund(bucket: string, key: string): Promise<void> {
    await this.redis.eval(REFUND, 1, `rl:${bucket}:${key}`);
  }
}
