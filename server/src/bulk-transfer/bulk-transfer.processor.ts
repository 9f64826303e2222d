import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, QueueName } from '../queue/queue-names';
import { TicketQueue, type TicketJobData } from './ticket.queue';
import { TicketExecutionService } from './ticket-execution.service';
import { TicketValidationService } from './ticket-validation.service';

/** An approved or processing ticket that has not moved for this long has lost its job: run it again. */
const EXECUTION_IDLE_MS = 30_000;

/** The bulk-transfer jobs: validation on intake, execution on approval, and the reconciler that finds tickets whose job was lost. */
// A killed worker's job is taken over within ~15 s (lock 10 s, checked every 5 s) instead of BullMQ's
// 30–60 s; Postgres makes a second run safe, so a job may stall many times before it counts as failed.
@Processor(QueueName.BulkTransfer, { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 100 })
export class BulkTransferProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(BulkTransferProcessor.name);

  constructor(
    private readonly validation: TicketValidationService,
    private readonly execution: TicketExecutionService,
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
      case JobName.TicketExecute:
        return this.execution.execute(job.data.ticketId);
      case JobName.TicketReconcile: {
        const stale = await this.validation.staleReceived();
        for (const id of stale) await this.queue.enqueueValidation(id);
        const unfinished = await this.execution.unfinished(EXECUTION_IDLE_MS);
        for (const id of unfinished) await this.queue.enqueueExecution(id);
        return { validations: stale.length, executions: unfinished.length };
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name} on ${QueueName.BulkTransfer}`);
    }
  }
}
