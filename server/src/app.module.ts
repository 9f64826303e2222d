import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuditConsoleModule } from './audit/console/audit-console.module';
import { BulkTransferModule } from './bulk-transfer/bulk-transfer.module';
import { CommonModule } from './common/common.module';
import { TestClockController } from './common/test-clock.controller';
import { ContractsModule } from './contracts/contracts.module';
import { ContractAttachModule } from './contracts/attach/contract-attach.module';
import { LegacyImportConsoleModule } from './contracts/legacy-import/legacy-import-console.module';
import { CustomerContractsModule } from './contracts/customer/customer-contracts.module';
import { CustomerSupportModule } from './customer-support/customer-support.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LoginModule } from './login/login.module';
import { MfaSettingsModule } from './mfa-settings/mfa-settings.module';
import { MetricsModule } from './metrics/metrics.module';
import { MessagesConsoleModule } from './messaging/console/messages-console.module';
import { MessagingModule } from './messaging/messaging.module';
import { loggerOptions } from './observability/logger.options';
import { QueueConsoleModule } from './queue/console/queue-console.module';
import { QueueModule } from './queue/queue.module';
import { RegistrationModule } from './registration/registration.module';
import { StaffModule } from './staff/staff.module';
import { RUNTIME, type Runtime } from './runtime/runtime';
import { WorkerModule } from './worker.module';

/** The HTTP application; with runWorker it also hosts the queue processors (development). */
@Module({})
export class AppModule {
  static forRoot(runtime: Runtime): DynamicModule {
    const { config } = runtime;
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        CommonModule,
        DatabaseModule.forRoot(runtime),
        QueueModule.forRoot(runtime),
        AuditModule,
        MessagingModule,
        HealthModule,
        MetricsModule,
        ContractsModule,
        RegistrationModule,
        LoginModule,
        MfaSettingsModule,
        CustomerContractsModule,
        ContractAttachModule,
        BulkTransferModule,
        StaffModule,
        CustomerSupportModule,
        AuditConsoleModule,
        MessagesConsoleModule,
        LegacyImportConsoleModule,
        QueueConsoleModule,
        ...(runtime.role === 'api+worker' ? [WorkerModule] : []),
      ],
      controllers: config.env === 'test' ? [TestClockController] : [],
      providers: [{ provide: RUNTIME, useValue: runtime }],
      exports: [RUNTIME],
    };
  }
}
