import { Module } from '@nestjs/common';
import { StaffModule } from '../../staff/staff.module';
import { QueueAdminService } from './queue-admin.service';
import { QueuesConsoleController } from './queues.console.controller';

@Module({ imports: [StaffModule], controllers: [QueuesConsoleController], providers: [QueueAdminService] })
export class QueueConsoleModule {}
