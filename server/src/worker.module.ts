import { Module } from '@nestjs/common';
import { LegacyImportProcessor } from './contracts/legacy-import/legacy-import.processor';
import { ContractsModule } from './contracts/contracts.module';

/** Every BullMQ processor. Imported by the worker entry point, and by the API in development. */
@Module({ imports: [ContractsModule], providers: [LegacyImportProcessor] })
export class WorkerModule {}
