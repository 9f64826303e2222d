import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { CommonModule } from './common/common.module';
import { DatabaseModule } from './database/database.module';
import { MessagingModule } from './messaging/messaging.module';
import { loggerOptions } from './observability/logger.options';
import { QueueModule } from './queue/queue.module';
import { RUNTIME, type Runtime } from './runtime/runtime';
import { WorkerModule } from './worker.module';

/** The worker process: processors only, no HTTP. */
@Module({})
export class WorkerAppModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: WorkerAppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(runtime.config)),
        CommonModule,
        DatabaseModule.forRoot(runtime),
        QueueModule.forRoot(runtime),
        AuditModule,
        MessagingModule,
        WorkerModule,
      ],
      providers: [{ provide: RUNTIME, useValue: runtime }],
      exports: [RUNTIME],
    };
  }
}
