import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { importLegacyCsv, type ImportOptions } from './legacy-import';
import type { ImportReport } from './legacy-import.report';

/** The legacy contract import for Nest callers (queue worker, console). The CLI calls importLegacyCsv directly. */
@Injectable()
export class LegacyImportService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  importCsv(input: Readable | string, options?: ImportOptions): Promise<ImportReport> {
    return importLegacyCsv(this.db, input, options);
  }
}
