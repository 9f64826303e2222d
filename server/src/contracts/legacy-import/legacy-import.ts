import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { readLegacyHeader, recordFromFields, validateLegacyRow, type LegacyContractRow, type RowProblem } from './legacy-csv-format';
import { readCsvRecords } from './legacy-csv-source';
import { LegacyImportRefusedError, ReportBuilder, type ImportReport } from './legacy-import.report';
import { upsertLegacyBatch, type NumberedRow, type SqlRunner } from './legacy-upsert';

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
      if (batch.length) await writeBatch(db, batch, builder);
      batch = [];
      await options.onProgress?.({ rowsRead: report.rowsRead });
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
    return builder.finish();
  } finally {
    await records.return(undefined);
  }
}

function fieldCountProblem(fields: string[], width: number): RowProblem | undefined {
  const extraFilled = fields.slice(width).some((f) => f.trim() !== '');
  if (fields.length >= width && !extraFilled) return undefined;
  return { column: 'row', reason: `has ${fields.length} fields, the header has ${width}` };
}

/**
 * What one row cannot know alone. The first row of a network ID wins and later ones are reported, and
 * rows of one billing account must agree on it: otherwise batches would overwrite each other and a
 * re-import of the same file would not be a no-op.
 */
const ACCOUNT_FIELDS = [
  ['customer_name', 'customerName'],
  ['consolidated', 'consolidated'],
  ['top_cruise_linked', 'topCruiseLinked'],
] as const;

class FileConsistency {
  private readonly networkIds = new Map<string, number>();
  private readonly accounts = new Map<string, { line: number; customerName: string; consolidated: boolean; topCruiseLinked: boolean }>();

  admit(line: number, row: LegacyContractRow): RowProblem | undefined {
    const earlier = this.networkIds.get(row.networkId);
    if (earlier !== undefined) return { column: 'network_id', reason: `duplicates line ${earlier} (the first row of a network ID is imported)` };
    const account = this.accounts.get(row.billingAccountCode);
    if (account) {
      const differs = ACCOUNT_FIELDS.find(([, key]) => account[key] !== row[key])?.[0];
      if (differs) return { column: differs, reason: `differs from line ${account.line}, which has the same billing_account_code` };
    } else {
      const { customerName, consolidated, topCruiseLinked } = row;
      this.accounts.set(row.billingAccountCode, { line, customerName, consolidated, topCruiseLinked });
    }
    this.networkIds.set(row.networkId, line);
    return undefined;
  }
}

export function sqlRunner(m: EntityManager): SqlRunner {
  return (sql, params) => m.query(sql, params);
}

const RETRIES = 3;

async function writeBatch(db: DataSource, batch: NumberedRow[], builder: ReportBuilder): Promise<void> {
  try {
    apply(await inTransaction(db, batch), batch, builder);
  } catch (error) {
    if (!isDataError(error)) throw error;
    // A row the validation let through but the database refuses must not sink its neighbours: find it alone.
    for (const one of batch) {
      try {
        apply(await inTransaction(db, [one]), [one], builder);
      } catch (rowError) {
        if (!isDataError(rowError)) throw rowError;
        builder.reject(one.line, [{ column: 'row', reason: `refused by the database: ${(rowError as Error).message}` }]);
      }
    }
  }
}

async function inTransaction(db: DataSource, batch: NumberedRow[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((m) => upsertLegacyBatch(sqlRunner(m), batch));
    } catch (error) {
      // Two imports touching the same rows can deadlock; the loser simply runs its batch again.
      if (attempt >= RETRIES || !['40P01', '40001'].includes(sqlState(error) ?? '')) throw error;
    }
  }
}

function apply(outcome: Awaited<ReturnType<typeof upsertLegacyBatch>>, batch: NumberedRow[], builder: ReportBuilder) {
  const r = builder.report;
  r.inserted += outcome.inserted;
  r.updated += outcome.updated;
  r.billingAccounts.inserted += outcome.billingAccounts.inserted;
  r.billingAccounts.updated += outcome.billingAccounts.updated;
  for (const line of outcome.blockedLines) {
    const row = batch.find((b) => b.line === line)!.row;
    builder.reject(line, [
      {
        column: 'service_type',
        reason: `cannot become ${row.serviceType}: the contract is linked to a login account, and only InfoSphere contracts can be linked`,
      },
    ]);
  }
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the row's fault, not the database's. */
function isDataError(error: unknown): boolean {
  return /^2[23]/.test(sqlState(error) ?? '');
}

function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}
