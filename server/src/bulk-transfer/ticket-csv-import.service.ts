import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import { readCsvRecords } from '../contracts/legacy-import/legacy-csv-source';
import { LegacyImportRefusedError } from '../contracts/legacy-import/legacy-import.report';
import { staffTicketInput, type StaffTicketInput } from './staff-ticket-input';
import { StaffTicketIntakeService } from './staff-ticket-intake.service';

/** CSV column → request field. `email`, `network_id` and `channel` are required. */
const COLUMNS = {
  email: 'email',
  network_id: 'networkId',
  channel: 'channel',
  remark: 'remark',
  source_reference: 'sourceReference',
  received_at: 'receivedAt',
  note: 'customerNote',
} as const satisfies Record<string, keyof StaffTicketInput>;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['email', 'network_id', 'channel'];
const COLUMN_OF = Object.fromEntries(Object.entries(COLUMNS).map(([column, field]) => [field, column])) as Record<string, Column>;

export const MAX_REPORTED_TICKET_ISSUES = 1000;

export interface TicketImportReport {
  rowsRead: number;
  created: number;
  tickets: Array<{ line: number; number: string }>;
  rejectedRows: number;
  rejected: Array<{ line: number; column: Column | 'row'; reason: string }>;
  rejectedTruncated: boolean;
  ignoredColumns: string[];
}

/** The file as a whole cannot be read (not UTF-8 CSV, empty, a required column missing). Nothing was written. */
export class TicketImportRefusedError extends AppError {
  constructor(reason: string) {
    super('ticket_import_refused', 422, reason);
  }
}

/**
 * Many requests that came by form, phone or mail at once (domain.md §4.4): each row becomes a ticket
 * through the same intake as a single one, in its own transaction, so a bad row is reported by line and
 * column and never blocks or half-writes the others.
 */
@Injectable()
export class TicketCsvImportService {
  constructor(private readonly staffIntake: StaffTicketIntakeService) {}

  async import(staffId: string, file: Readable | string, client: Partial<ClientInfo>): Promise<TicketImportReport> {
    const report: TicketImportReport = { rowsRead: 0, created: 0, tickets: [], rejectedRows: 0, rejected: [], rejectedTruncated: false, ignoredColumns: [] };
    const reject = (line: number, problems: Array<{ column: Column | 'row'; reason: string }>) => {
      report.rejectedRows++;
      for (const p of problems) {
        if (report.rejected.length < MAX_REPORTED_TICKET_ISSUES) report.rejected.push({ line, ...p });
        else report.rejectedTruncated = true;
      }
    };
    let header: Array<Column | null> | null = null;
    try {
      for await (const record of readCsvRecords(file)) {
        if (!header) {
          header = this.readHeader(record.fields, report);
          continue;
        }
        if (record.fields.length === 1 && record.fields[0].trim() === '') continue;
        report.rowsRead++;
        if (record.fields.length !== header.length) {
          reject(record.line, [{ column: 'row', reason: `has ${record.fields.length} fields, the header has ${header.length}` }]);
          continue;
        }
        const raw: Record<string, string> = {};
        header.forEach((column, i) => {
          if (column && record.fields[i].trim() !== '') raw[COLUMNS[column]] = record.fields[i];
        });
        const parsed = staffTicketInput.safeParse(raw);
        if (!parsed.success) {
          reject(
            record.line,
            parsed.error.issues.map((issue) => ({ column: COLUMN_OF[String(issue.path[0])] ?? 'row', reason: issue.message })),
          );
          continue;
        }
        try {
          const ticket = await this.staffIntake.create(staffId, parsed.data, client);
          report.created++;
          report.tickets.push({ line: record.line, number: ticket.number });
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500) throw error;
          const fields = (error.extra.errors as Array<{ field: string; message: string }> | undefined) ?? [];
          reject(
            record.line,
            fields.length > 0 ? fields.map((f) => ({ column: COLUMN_OF[f.field] ?? 'row', reason: f.message })) : [{ column: 'row', reason: error.message }],
          );
        }
      }
    } catch (error) {
      if (error instanceof LegacyImportRefusedError) throw new TicketImportRefusedError(error.message);
      throw error;
    }
    if (!header) throw new TicketImportRefusedError('the file is empty');
    return report;
  }

  private readHeader(fields: string[], report: TicketImportReport): Array<Column | null> {
    const names = fields.map((f) => f.replace(/^\uFEFF/, '').trim().toLowerCase());
    const missing = REQUIRED.filter((c) => !names.includes(c));
    if (missing.length > 0) throw new TicketImportRefusedError(`the header lacks ${missing.join(', ')} (columns: ${Object.keys(COLUMNS).join(', ')})`);
    const duplicate = names.find((n, i) => n in COLUMNS && names.indexOf(n) !== i);
    if (duplicate) throw new TicketImportRefusedError(`the header names ${duplicate} twice`);
    report.ignoredColumns = names.filter((n) => !(n in COLUMNS));
    return names.map((n) => (n in COLUMNS ? (n as Column) : null));
  }
}
