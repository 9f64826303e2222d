import { Module } from '@nestjs/common';
import { StaffModule } from '../../staff/staff.module';
import { ContractsModule } from '../contracts.module';
import { LegacyImportsConsoleController } from './legacy-imports.console.controller';

@Module({ imports: [ContractsModule, StaffModule], controllers: [LegacyImportsConsoleController] })
export class LegacyImportConsoleModule {}
