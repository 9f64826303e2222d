import type { LegacyCsvColumn } from './legacy-csv-format';

export interface RejectedIssue {
  /** Physical line in the file, header = line 1; a row spanning lines (quoted line breaks) is named by its first. */
  line: number;
  column: LegacyCsvColumn | 'row';
  reason: string;
}

export interface ImportReport {
  /** Data rows read: header and blank lines are not rows. rowsRead = inserted + updated + unchanged + rejectedRows. */
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejectedRows: number;
  /** The first MAX_REPORTED_ISSUES problems; a row may carry several (one per bad column). */
  rejected: RejectedIssue[];
  /** True when more problems were found than `rejected` holds. */
  rejectedTruncated: boolean;
  billingAccounts: { inserted: number; updated: number };
  /** Header columns the format does not know; their values are not read. */
  ignoredColumns: string[];
  durationMs: number;
}

export const MAX_REPORTED_ISSUES = 1000;

/** The file as a whole cannot be imported (not CSV, empty, wrong header). Nothing was written. */
export class LegacyImportRefusedError extends Error {
  override readonly name = 'LegacyImportRefusedError';
}

/** Collects outcomes; the list of problems is capped so a file of garbage cannot exhaust memory. */
export class ReportBuilder {
  private readonly started = Date.now();
  readonly report: ImportReport = {
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejectedRows: 0,
    rejected: [],
    rejectedTruncated: false,
    billingAccounts: { inserted: 0, updated: 0 },
    ignoredColumns: [],
    durationMs: 0,
  };

  reject(line: number, problems: Array<Omit<RejectedIssue, 'line'>>): void {
    this.report.rejectedRows++;
    for (const p of problems) {
      if (this.report.rejected.length < MAX_REPORTED_ISSUES) this.report.rejected.push({ line, column: p.column, reason: p.reason });
      else this.report.rejectedTruncated = true;
    }
  }

  finish(): ImportReport {
    const r = this.report;
    r.rejected.sort((a, b) => a.line - b.line);
    r.unchanged = r.rowsRead - r.inserted - r.updated - r.rejectedRows;
    r.durationMs = Date.now() - this.started;
    return r;
  }
}
