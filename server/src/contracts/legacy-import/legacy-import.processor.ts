import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, QueueName } from '../../queue/queue-names';
import { LegacyImportRunService, type ImportRunState, type LegacyImportRunJobData } from './legacy-import-run.service';

/** Runs an uploaded legacy CSV (legacy_import_runs). Retried on a crash: the import is an idempotent upsert. */
@Processor(QueueName.LegacyImport)
export class LegacyImportProcessor extends WorkerHost {
  constructor(private readonly runs: LegacyImportRunService) {
    super();
  }

  async process(job: Job<LegacyImportRunJobData>): Promise<ImportRunState> {
    if (job.name !== JobName.LegacyImportRun) throw new UnrecoverableError(`unknown job ${job.name} on ${QueueName.LegacyImport}`);
    try {
      return await this.runs.run(job.data.runId);
    } catch (error) {
      // The last try failed: the run says so instead of staying "running" for ever.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.runs.markFailed(job.data.runId, (error as Error).message);
      throw error;
    }
  }
}
