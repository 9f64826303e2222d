import { Readable } from 'node:stream';
import { InjectQueue } from '@nestjs/bullmq';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/app-error';
import type { ClientInfo } from '../../common/client-info';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../database/transaction';
import { JobName, QueueName } from '../../queue/queue-names';
import { LegacyImportRefusedError, type ImportReport } from './legacy-import.report';
import { LegacyImportService } from './legacy-import.service';

export type ImportRunState = 'queued' | 'running' | 'done' | 'refused' | 'failed';

export interface LegacyImportRunJobData {
  runId: string;
}

interface RunRow {
  id: string;
  file_name: string;
  size_bytes: number;
  state: ImportRunState;
  rows_read: number;
  report: ImportReport | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  uploaded_by_email: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = `r.id, r.file_name, r.size_bytes, r.state, r.rows_read, r.report, r.error, r.created_at, r.started_at, r.finished_at, s.email AS uploaded_by_email`;
/** Progress is written at most this often: a 100,000-row file would otherwise write a row per batch. */
const PROGRESS_EVERY_MS = 500;

const view = (r: RunRow) => ({
  id: r.id,
  fileName: r.file_name,
  sizeBytes: r.size_bytes,
  state: r.state,
  rowsRead: r.rows_read,
  report: r.report,
  error: r.error,
  uploadedBy: r.uploaded_by_email,
  createdAt: r.created_at.toISOString(),
  startedAt: r.started_at?.toISOString() ?? null,
  finishedAt: r.finished_at?.toISOString() ?? null,
});

/**
 * A legacy CSV uploaded in the console (domain.md §6.8) runs as a queue job: the upload stores the file and
 * enqueues; the worker runs the idempotent import, writing progress and the per-row report to the run's row.
 */
@Injectable()
export class LegacyImportRunService {
  private readonly logger = new Logger(LegacyImportRunService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QueueName.LegacyImport) private readonly queue: Queue,
    private readonly imports: LegacyImportService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  static jobId(runId: string): string {
    return `legacy-import-${runId}`;
  }

  async upload(staffUserId: string, file: Buffer, fileName: string, client: ClientInfo) {
    if (file.length === 0) throw new AppError('empty_file', HttpStatus.BAD_REQUEST, 'The file is empty');
    const id = await inTransaction(this.db, async (tx) => {
      const [row] = (await tx.manager.query(
        `INSERT INTO legacy_import_runs (uploaded_by, file_name, file, size_bytes, state, created_at) VALUES ($1, $2, $3, $4, 'queued', $5) RETURNING id`,
        [staffUserId, fileName, file, file.length, this.clock.now()],
      )) as Array<{ id: string }>;
      await this.audit.record(tx, {
        actor: { type: 'staff', id: staffUserId },
        action: 'legacy_import.uploaded',
        target: { type: 'legacy_import_run', id: row.id },
        after: { fileName, sizeBytes: file.length },
        ...client,
      });
      tx.afterCommit(() => this.enqueue(row.id));
      return row.id;
    });
    return this.one(id);
  }

  async enqueue(runId: string): Promise<void> {
    await this.queue
      .add(JobName.LegacyImportRun, { runId } satisfies LegacyImportRunJobData, { jobId: LegacyImportRunService.jobId(runId), attempts: 3, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: 100 })
      .catch((error: Error) => this.logger.warn(`import ${runId} not enqueued (${error.message}); it stays queued in Postgres`));
  }

  async list(page: { start: number; end: number }) {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM legacy_import_runs r JOIN staff_users s ON s.id = r.uploaded_by ORDER BY r.created_at DESC LIMIT $1 OFFSET $2`, [
        page.end - page.start,
        page.start,
      ]) as Promise<RunRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM legacy_import_runs`) as Promise<Array<{ total: number }>>,
    ]);
    return { total, items: rows.map(view) };
  }

  async one(id: string) {
    const [row] = UUID.test(id) ? ((await this.db.query(`SELECT ${COLUMNS} FROM legacy_import_runs r JOIN staff_users s ON s.id = r.uploaded_by WHERE r.id = $1`, [id])) as RunRow[]) : [];
    if (!row) throw new AppError('import_not_found', HttpStatus.NOT_FOUND, 'No such import');
    return view(row);
  }

  /** The worker's part. Safe to run again after a crash: the import is an idempotent upsert; a finished run is left alone. */
  async run(runId: string): Promise<ImportRunState> {
    const now = this.clock.now();
    const [claimed] = (await this.db.query(
      `UPDATE legacy_import_runs SET state = 'running', started_at = coalesce(started_at, $2) WHERE id = $1 AND state IN ('queued', 'running') RETURNING file`,
      [runId, now],
    )) as [Array<{ file: Buffer }>, number];
    if (!claimed[0]) return 'done';
    let lastWrite = 0;
    try {
      const report = await this.imports.importCsv(Readable.from([claimed[0].file]), {
        onProgress: async ({ rowsRead }) => {
          if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
          lastWrite = Date.now();
          await this.db.query(`UPDATE legacy_import_runs SET rows_read = $2 WHERE id = $1`, [runId, rowsRead]);
        },
      });
      await this.finish(runId, 'done', { report, rowsRead: report.rowsRead });
      return 'done';
    } catch (error) {
      if (error instanceof LegacyImportRefusedError) {
        await this.finish(runId, 'refused', { error: error.message });
        return 'refused';
      }
      throw error;
    }
  }

  /** After the last retry: the run is marked failed for a human. */
  async markFailed(runId: string, message: string): Promise<void> {
    await this.finish(runId, 'failed', { error: message.slice(0, 1000) });
  }

  private async finish(runId: string, state: 'done' | 'refused' | 'failed', outcome: { report?: ImportReport; rowsRead?: number; error?: string }) {
    await inTransaction(this.db, async (tx) => {
      await tx.manager.query(
        `UPDATE legacy_import_runs SET state = $2, report = $3, error = $4, rows_read = coalesce($5, rows_read), finished_at = $6 WHERE id = $1`,
        [runId, state, outcome.report ? JSON.stringify(outcome.report) : null, outcome.error ?? null, outcome.rowsRead ?? null, this.clock.now()],
      );
      await this.audit.record(tx, {
        actor: { type: 'system' },
        action: `legacy_import.${state}`,
        target: { type: 'legacy_import_run', id: runId },
        after: outcome.report
          ? { rowsRead: outcome.report.rowsRead, inserted: outcome.report.inserted, updated: outcome.report.updated, unchanged: outcome.report.unchanged, rejectedRows: outcome.report.rejectedRows }
          : { error: outcome.error },
      });
    });
  }
}
