import { UnrecoverableError, type Job } from 'bullmq';
import { JobName } from '../../queue/queue-names';
import { LegacyImportProcessor, type LegacyImportJobData } from './legacy-import.processor';
import { LegacyImportRefusedError, type ImportReport } from './legacy-import.report';
import type { LegacyImportService } from './legacy-import.service';

function job(name = JobName.LegacyImportRun as string) {
  return { name, data: { filePath: '/tmp/x.csv' }, updateProgress: jest.fn() } as unknown as Job<LegacyImportJobData> & {
    updateProgress: jest.Mock;
  };
}

describe('LegacyImportProcessor', () => {
  it('imports the file, reports progress and returns the report', async () => {
    const report = { rowsRead: 2 } as ImportReport;
    const importCsv = jest.fn(async (_path: string, options?: { onProgress?: (p: { rowsRead: number }) => unknown }) => {
      await options?.onProgress?.({ rowsRead: 2 });
      return report;
    });
    const processor = new LegacyImportProcessor({ importCsv } as unknown as LegacyImportService);
    const j = job();
    await expect(processor.process(j)).resolves.toBe(report);
    expect(importCsv).toHaveBeenCalledWith('/tmp/x.csv', expect.any(Object));
    expect(j.updateProgress).toHaveBeenCalledWith({ rowsRead: 2 });
  });

  it('fails a refused file without retries', async () => {
    const importCsv = jest.fn().mockRejectedValue(new LegacyImportRefusedError('the file is empty'));
    const processor = new LegacyImportProcessor({ importCsv } as unknown as LegacyImportService);
    const attempt = processor.process(job());
    await expect(attempt).rejects.toThrow(UnrecoverableError);
    await expect(processor.process(job())).rejects.toThrow('the file is empty');
  });

  it('lets other failures be retried', async () => {
    const importCsv = jest.fn().mockRejectedValue(new Error('connection terminated'));
    const processor = new LegacyImportProcessor({ importCsv } as unknown as LegacyImportService);
    await expect(processor.process(job())).rejects.not.toThrow(UnrecoverableError);
  });

  it('refuses a job it does not know', async () => {
    const processor = new LegacyImportProcessor({ importCsv: jest.fn() } as unknown as LegacyImportService);
    await expect(processor.process(job('Other'))).rejects.toThrow(UnrecoverableError);
  });
});
