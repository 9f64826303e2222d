import { UnrecoverableError, type Job } from 'bullmq';
import { JobName } from '../../queue/queue-names';
import type { LegacyImportRunService, LegacyImportRunJobData } from './legacy-import-run.service';
import { LegacyImportProcessor } from './legacy-import.processor';

function job(name = JobName.LegacyImportRun as string, attemptsMade = 0) {
  return { name, data: { runId: 'run-1' }, attemptsMade, opts: { attempts: 3 } } as unknown as Job<LegacyImportRunJobData>;
}

describe('LegacyImportProcessor', () => {
  it('runs the upload named by the job', async () => {
    const run = jest.fn().mockResolvedValue('done');
    const processor = new LegacyImportProcessor({ run } as unknown as LegacyImportRunService);
    await expect(processor.process(job())).resolves.toBe('done');
    expect(run).toHaveBeenCalledWith('run-1');
  });

  it('lets a failure be retried, and marks the run failed after the last try', async () => {
    const run = jest.fn().mockRejectedValue(new Error('connection terminated'));
    const markFailed = jest.fn();
    const processor = new LegacyImportProcessor({ run, markFailed } as unknown as LegacyImportRunService);
    await expect(processor.process(job(JobName.LegacyImportRun, 0))).rejects.toThrow('connection terminated');
    expect(markFailed).not.toHaveBeenCalled();
    await expect(processor.process(job(JobName.LegacyImportRun, 2))).rejects.toThrow('connection terminated');
    expect(markFailed).toHaveBeenCalledWith('run-1', 'connection terminated');
  });

  it('refuses a job it does not know', async () => {
    const processor = new LegacyImportProcessor({ run: jest.fn() } as unknown as LegacyImportRunService);
    await expect(processor.process(job('Other'))).rejects.toThrow(UnrecoverableError);
  });
});
