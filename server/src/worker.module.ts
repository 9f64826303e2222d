import { Module } from '@nestjs/common';
import { BulkTransferWorkerModule } from './bulk-transfer/bulk-transfer-worker.module';
import { LegacyImportProcessor } from './contracts/legacy-import/legacy-import.processor';
import { ContractsModule } from './contracts/contracts.module';
import { MessagingWorkerModule } from './messaging/messaging-worker.module';

/** Every BullMQ processor. Imported by the worker entry point, and by the API in development. */
@Module({ imports: [ContractsModule, MessagingWorkerModule, BulkTransferWorkerModule], providers: [LegacyImportProcessor] })
export class WorkerModule {}
