import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '../../queue/queue-names';
import { LegacyImportService } from './legacy-import.service';

// STUB: to be replaced by the legacy import implementation.
@Processor(QueueName.LegacyImport)
export class LegacyImportProcessor extends WorkerHost {
  constructor(private readonly imports: LegacyImportService) {
    super();
  }
  async process(job: Job): Promise<unknown> {
    return { id: job.id };
  }
}
