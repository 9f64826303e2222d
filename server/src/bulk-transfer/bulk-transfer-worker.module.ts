import { Module } from '@nestjs/common';
import { BulkTransferProcessor } from './bulk-transfer.processor';
import { TicketQueue } from './ticket.queue';
import { TicketExecutionService } from './ticket-execution.service';
import { TicketValidationService } from './ticket-validation.service';

/** The bulk-transfer workers (validation, reconciler); imported by the worker process and, in development, the API. */
@Module({ providers: [TicketQueue, TicketValidationService, TicketExecutionService, BulkTransferProcessor] })
export class BulkTransferWorkerModule {}
