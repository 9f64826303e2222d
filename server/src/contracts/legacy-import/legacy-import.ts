import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { writeBatch } from './legacy-batch-writer';
import { readLegacyHeader, recordFromFields, validateLegacyRow, type RowProblem } from './legacy-csv-format';
import { readCsvRecords } from './legacy-csv-source';
import { FileConsistency } from './legacy-file-consistency';
import { LegacyImportRefusedError, ReportBuilder, type ImportReport } from './legacy-import.report';
import type { NumberedRow } from './legacy-upsert';

export interface ImportOptions {
  /** Rows per transaction; big enough to amortise round trips, small enough to keep locks and memory short. */
  batchSize?: number;
  onProgress?: (progress: { rowsRead: number }) => void | Promise<void>;
}

export const DEFAULT_BATCH_SIZE = 2000;

/**
 * Imports the old system's contract CSV (docs/legacy-import.md). Validates every row, upserts valid rows in
 * batches, reports the rest by physical line. Throws LegacyImportRefusedError, having written nothing, for
 * a file that is not UTF-8 CSV, is empty or lacks required columns.
 */
export async function importLegacyCsv(db: DataSource, input: Readable | string, options: ImportOptions = {}): Promise<ImportReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const builder = new ReportBuilder();
  const report = builder.report;
  const records = readCsvRecords(input);
  // One batch is written while the next is parsed and validated: Node and Postgres each get a core.
  let inFlight: Promise<void> = Promise.resolve();
  try {
    const first = await records.next();
    if (first.done) throw new LegacyImportRefusedError('the file is empty');
    const header = readLegacyHeader(first.value.fields);
    if (!header.ok) throw new LegacyImportRefusedError(`the file cannot be imported: ${header.reason}`);
    report.ignoredColumns = header.ignored;
    const width = first.value.fields.length;
    const checker = new FileConsistency();
    let batch: NumberedRow[] = [];
    const flush = async () => {
      const rows = batch;
      batch = [];
      await inFlight;
      const rowsRead = report.rowsRead;
      inFlight = (rows.length ? writeBatch(db, rows, builder) : Promise.resolve()).then(() => options.onProgress?.({ rowsRead }));
      inFlight.catch(() => undefined); // awaited at the next flush or below; not an unhandled rejection meanwhile
    };
    for await (const { line, fields } of records) {
      if (fields.every((f) => f.trim() === '')) continue;
      report.rowsRead++;
      const shape = fieldCountProblem(fields, width);
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
      batch.push({ line, row: result.row });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await inFlight;
    return builder.finish();
  } finally {
    await inFlight.catch(() => undefined);
    await records.return(undefined);
  }
}

function fieldCountProblem(fields: string[], width: number): RowProblem | undefined {
  const extraFilled = fields.slice(width).some((f) => f.trim() !== '');
  if (fields.length >= width && !extraFilled) return undefined;
  return { column: 'row', reason: `has ${fields.length} fields, the header has ${width}` };
}
