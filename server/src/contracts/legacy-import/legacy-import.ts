import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { writeBatch } from './legacy-batch-writer';
import { readLegacyHeader, recordFromFields, validateLegacyRow, type LegacyCsvColumn, type RowProblem } from './legacy-csv-format';
import { readCsvRecordBatches } from './legacy-csv-source';
import { FileConsistency } from './legacy-file-consistency';
import { LegacyImportRefusedError, ReportBuilder, type ImportReport } from './legacy-import.report';
import type { NumberedRow } from './legacy-upsert';
import { WriteQueue } from './legacy-write-queue';

export interface ImportOptions {
  /** Rows per transaction; big enough to amortise round trips, small enough to keep locks and memory short. */
  batchSize?: number;
  /** Batches written at once, each in its own transaction on its own pooled connection. */
  writers?: number;
  onProgress?: (progress: { rowsRead: number }) => void | Promise<void>;
}

export const DEFAULT_BATCH_SIZE = 5000;
export const DEFAULT_WRITERS = 2;

/**
 * Imports the old system's contract CSV (docs/legacy-import.md). Validates every row, upserts valid rows in
 * batches, reports the rest by physical line. Throws LegacyImportRefusedError, having written nothing, for
 * a file that is not UTF-8 CSV, is empty or lacks required columns.
 */
export async function importLegacyCsv(db: DataSource, input: Readable | string, options: ImportOptions = {}): Promise<ImportReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const builder = new ReportBuilder();
  const report = builder.report;
  const chunks = readCsvRecordBatches(input);
  // Postgres writes up to `writers` batches, one per backend, while Node parses and validates the next one.
  const queue = new WriteQueue<NumberedRow[]>(
    options.writers ?? DEFAULT_WRITERS,
    async (rows) => {
      if (rows.length) await writeBatch(db, rows, builder);
    },
    (rowsRead) => options.onProgress?.({ rowsRead }),
  );
  try {
    let header: { indexOf: Record<LegacyCsvColumn, number>; width: number } | undefined;
    const checker = new FileConsistency();
    let batch: NumberedRow[] = [];
    let rowsReadInBatch = 0;
    let accountStart = 0; // where the last billing account's run of rows starts in the batch
    for await (const records of chunks) {
      for (const { line, fields } of records) {
        if (!header) {
          const read = readLegacyHeader(fields);
          if (!read.ok) throw new LegacyImportRefusedError(`the file cannot be imported: ${read.reason}`);
          report.ignoredColumns = read.ignored;
          header = { indexOf: read.indexOf, width: fields.length };
          continue;
        }
        if (fields.every(isBlank)) continue;
        report.rowsRead++;
        const shape = fieldCountProblem(fields, header.width);
        if (shape) {
          builder.reject(line, [shape]);
          continue;
        }
        const result = validateLegacyRow(recordFromFields(fields, header.indexOf));
        if (!result.ok) {
          builder.reject(line, result.problems);
          continue;
        }
        const conflict = checker.admit(line, result.row);
        if (conflict) {
          builder.reject(line, [conflict]);
          continue;
        }
        const account = result.row.billingAccountCode;
        const sameAccount = batch.length > 0 && batch[batch.length - 1].row.billingAccountCode === account;
        if (batch.length >= batchSize && !(sameAccount && keepsAccountWhole(batch.length, accountStart, batchSize))) {
          await queue.push(batch, rowsReadInBatch);
          batch = [];
        }
        if (!sameAccount || batch.length === 0) accountStart = batch.length;
        batch.push({ line, row: result.row });
        rowsReadInBatch = report.rowsRead;
      }
    }
    if (!header) throw new LegacyImportRefusedError('the file is empty');
    // Even when empty: progress always ends at the last row read.
    await queue.push(batch, report.rowsRead);
    await queue.drain();
    return builder.finish();
  } finally {
    await queue.settle();
    await chunks.return(undefined);
  }
}

/**
 * Whether a full batch takes the next row too, because it continues the billing account the batch ends
 * with (exports list a customer's rows together). A batch written next to one that inserts an account it
 * names waits for that whole transaction; so an account is kept in one batch, unless it is half a batch
 * or more already (then it is split wherever) or the batch has reached twice its size.
 */
function keepsAccountWhole(length: number, accountStart: number, batchSize: number): boolean {
  return accountStart >= batchSize / 2 && length < 2 * batchSize;
}

const isBlank = (field: string) => field.trim() === '';

function fieldCountProblem(fields: string[], width: number): RowProblem | undefined {
  if (fields.length === width) return undefined;
  const extraFilled = !fields.slice(width).every(isBlank);
  if (fields.length >= width && !extraFilled) return undefined;
  return { column: 'row', reason: `has ${fields.length} fields, the header has ${width}` };
}
