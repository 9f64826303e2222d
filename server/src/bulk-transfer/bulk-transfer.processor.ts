import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, QueueName } from '../queue/queue-names';
import { TicketQueue, type TicketJobData } from './ticket.queue';
import { TicketValidationService } from './ticket-validation.service';

/** The bulk-transfer jobs: validation on intake, and the reconciler that finds tickets whose job was lost. */
@Processor(QueueName.BulkTransfer)
export class BulkTransferProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(BulkTransferProcessor.name);

  constructor(
    private readonly validation: TicketValidationService,
    private readonly queue: TicketQueue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.queue.scheduleReconcile().catch((error: Error) => this.logger.warn(`ticket reconciler not scheduled: ${error.message}`));
  }

  async process(job: Job<TicketJobData>): Promise<unknown> {
    switch (job.name) {
      case JobName.TicketValidate:
        return this.validation.validate(job.data.ticketId);
      case JobName.TicketReconcile: {
        const stale = await this.validation.staleReceived();
        for (const id of stale) await this.queue.enqueueValidation(id);
        return { reenqueued: stale.length };
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on ${QueueName.BulkTransfer}`);
    }
  }
}
