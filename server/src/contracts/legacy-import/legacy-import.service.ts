import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

// STUB: to be replaced by the legacy import implementation.
@Injectable()
export class LegacyImportService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}
}
