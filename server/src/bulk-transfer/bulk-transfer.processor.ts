import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, QueueName } from '../queue/queue-names';
import { TICKET_RECONCILE_EVERY_MS, TicketQueue, type TicketJobData } from './ticket.queue';
import { TicketExecutionService } from './ticket-execution.service';
import { TicketValidationService } from './ticket-validation.service';

/** An approved or processing ticket that has not moved for this long has lost its job: run it again. */
const EXECUTION_IDLE_MS = 30_000;

/** The bulk-transfer jobs: validation on intake, execution on approval, and the reconciler that finds tickets whose job was lost. */
// A killed worker's job is taken over within ~9 s of the kill (its lock lapses within 6 s, the stalled
// check runs every 3 s) instead of BullMQ's 30–60 s; measured in test/faults/worker-kill-execution.
// Postgres makes a second run safe, so a job may stall many times before it counts as failed, and a
// false stall (an event loop blocked over 6 s) costs a duplicate run, never a duplicate link.
@Processor(QueueName.BulkTransfer, { lockDuration: 6_000, stalledInterval: 3_000, maxStalledCount: 100 })
export class BulkTransferProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BulkTransferProcessor.name);
  private scheduling: NodeJS.Timeout | undefined;
  private scheduled = true;

  constructor(
    private readonly validation: TicketValidationService,
    private readonly execution: TicketExecutionService,
    private readonly queue: TicketQueue,
  ) {
    super();
  }

  /**
   * The reconciler's schedule lives in Redis, so an emptied Redis loses it with the jobs it would recover:
   * every worker puts it back each period (upserting an unchanged schedule keeps its next run).
   */
  onApplicationBootstrap(): void {
    const schedule = () =>
      this.queue.scheduleReconcile().then(
        () => (this.scheduled = true),
        (error: Error) => {
          if (this.scheduled) this.logger.warn(`ticket reconciler not scheduled: ${error.message}`);
          this.scheduled = false;
        },
      );
    void schedule();
    this.scheduling = setInterval(schedule, TICKET_RECONCILE_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.scheduling);
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
