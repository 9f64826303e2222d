import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Runtime } from '../runtime/runtime';
import { dataSourceOptions } from './data-source-options';

@Module({})
export class DatabaseModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(runtime.databaseUrl, runtime.config.databasePoolSize),
          // Start even when Postgres is down: /ready says 503 and the pool reconnects by itself.
          retryAttempts: 0,
        }),
      ],
    };
  }
}
