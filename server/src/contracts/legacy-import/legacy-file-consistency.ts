import type { LegacyContractRow, RowProblem } from './legacy-csv-format';

const ACCOUNT_FIELDS = [
  ['customer_name', 'customerName'],
  ['consolidated', 'consolidated'],
  ['top_cruise_linked', 'topCruiseLinked'],
] as const;

/**
 * What one row cannot know alone. The first row of a network ID wins and later ones are reported, and
 * rows of one billing account must agree on it: otherwise batches would overwrite each other and a
 * re-import of the same file would not be a no-op. Holds one entry per network ID and billing account.
 */
export class FileConsistency {
  private readonly networkIds = new Map<string, number>();
  private readonly accounts = new Map<string, { line: number; customerName: string; consolidated: boolean; topCruiseLinked: boolean }>();

  admit(line: number, row: LegacyContractRow): RowProblem | undefined {
    const earlier = this.networkIds.get(row.networkId);
    if (earlier !== undefined) return { column: 'network_id', reason: `duplicates line ${earlier} (the first row of a network ID is imported)` };
    const account = this.accounts.get(row.billingAccountCode);
    if (account) {
      // Checked field by field only when they differ: this runs for every row of the file.
      const same = account.customerName === row.customerName && account.consolidated === row.consolidated && account.topCruiseLinked === row.topCruiseLinked;
      const differs = same ? undefined : ACCOUNT_FIELDS.find(([, key]) => account[key] !== row[key])?.[0];
      if (differs) return { column: differs, reason: `differs from line ${account.line}, which has the same billing_account_code` };
    } else {
      const { customerName, consolidated, topCruiseLinked } = row;
      this.accounts.set(row.billingAccountCode, { line, customerName, consolidated, topCruiseLinked });
    }
    this.networkIds.set(row.networkId, line);
    return undefined;
  }
}
