import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, QueueName } from '../../queue/queue-names';
import { LegacyImportRefusedError, type ImportReport } from './legacy-import.report';
import { LegacyImportService } from './legacy-import.service';

export interface LegacyImportJobData {
  filePath: string;
}

/** Runs an uploaded legacy CSV. Safe to run again after a crash: the import is an idempotent upsert. */
@Processor(QueueName.LegacyImport)
export class LegacyImportProcessor extends WorkerHost {
  constructor(private readonly imports: LegacyImportService) {
    super();
  }

  async process(job: Job<LegacyImportJobData>): Promise<ImportReport> {
    if (job.name !== JobName.LegacyImportRun) throw new UnrecoverableError(`unknown job ${job.name} on ${QueueName.LegacyImport}`);
    try {
      return await this.imports.importCsv(job.data.filePath, {
        onProgress: (progress) => job.updateProgress(progress),
      });
    } catch (error) {
      // A refused file stays refused: retrying would only repeat the same message.
      if (error instanceof LegacyImportRefusedError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
