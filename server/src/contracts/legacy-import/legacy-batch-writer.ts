import type { DataSource, EntityManager } from 'typeorm';
import type { ReportBuilder } from './legacy-import.report';
import { upsertLegacyBatch, type BatchOutcome, type NumberedRow, type SqlRunner } from './legacy-upsert';

function sqlRunner(m: EntityManager): SqlRunner {
  return (sql, params) => m.query(sql, params);
}

const RETRIES = 3;
/** deadlock_detected, serialization_failure, unique_violation */
const RUN_AGAIN = ['40P01', '40001', '23505'];

/**
 * Writes one batch in its own transaction and adds the outcome to the report. A row the database
 * refuses is isolated and reported, so it never sinks its neighbours.
 */
export async function writeBatch(db: DataSource, batch: NumberedRow[], builder: ReportBuilder): Promise<void> {
  try {
    apply(await inTransaction(db, batch), batch, builder);
  } catch (error) {
    if (!isDataError(error)) throw error;
    // A rule the validation does not know yet: find the culprit row by row.
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
      // Two imports touching the same rows can deadlock, and a contract another import inserted after this
      // batch looked fails its plain INSERT (legacy-upsert.ts): either way the batch simply runs again.
      if (attempt >= RETRIES || !RUN_AGAIN.includes(sqlState(error) ?? '')) throw error;
    }
  }
}

function apply(outcome: BatchOutcome, batch: NumberedRow[], builder: ReportBuilder) {
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
