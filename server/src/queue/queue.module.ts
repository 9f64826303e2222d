import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { redisOptionsFromUrl } from '../runtime/redis-options';
import type { Runtime } from '../runtime/runtime';
import { ALL_QUEUES } from './queue-names';

export const REDIS = Symbol('REDIS');

/** Redis for queues and short-lived counters; one shared client for the app's own commands. */
@Global()
@Module({})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  static forRoot(runtime: Runtime): DynamicModule {
    const options = redisOptionsFromUrl(runtime.redisUrl);
    return {
      module: QueueModule,
      imports: [
        BullModule.forRoot({ connection: options as ConnectionOptions, prefix: runtime.config.redisPrefix }),
        BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
      ],
      providers: [
        {
          provide: REDIS,
          useFactory: () => {
            const client = new Redis({ ...options, keyPrefix: `${runtime.config.redisPrefix}:`, maxRetriesPerRequest: 2 });
            client.on('error', () => undefined); // readiness reports it; avoid an unhandled 'error' event
            return client;
          },
        },
      ],
      exports: [BullModule, REDIS],
    };
  }
}
