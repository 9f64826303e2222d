import { Module } from '@nestjs/common';
import { StaffModule } from '../../staff/staff.module';
import { AuditConsoleController } from './audit.console.controller';
import { AuditLogService } from './audit-log.service';

@Module({ imports: [StaffModule], controllers: [AuditConsoleController], providers: [AuditLogService] })
export class AuditConsoleModule {}
