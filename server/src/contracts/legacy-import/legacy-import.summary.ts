import { MAX_REPORTED_ISSUES, type ImportReport } from './legacy-import.report';

/** The operator's view of a report: totals first, then the first problems by line. */
export function formatImportSummary(report: ImportReport, shown = 20): string {
  const lines = [
    `rows read: ${report.rowsRead} in ${(report.durationMs / 1000).toFixed(1)} s`,
    `contracts: ${report.inserted} inserted, ${report.updated} updated, ${report.unchanged} unchanged`,
    `billing accounts: ${report.billingAccounts.inserted} inserted, ${report.billingAccounts.updated} updated`,
    `rejected rows: ${report.rejectedRows}${report.rejectedRows ? ' (not imported; fix them and import the file again)' : ''}`,
  ];
  if (report.ignoredColumns.length) lines.push(`ignored columns: ${report.ignoredColumns.join(', ')}`);
  for (const issue of report.rejected.slice(0, shown)) lines.push(`  line ${issue.line}, ${issue.column}: ${issue.reason}`);
  const hidden = Math.max(0, report.rejected.length - shown);
  if (hidden) lines.push(`  … ${hidden} more problems in the report`);
  if (report.rejectedTruncated) lines.push(`  (the report lists the first ${MAX_REPORTED_ISSUES} problems only)`);
  return lines.join('\n');
}
