import { Module } from '@nestjs/common';
import { StaffModule } from '../../staff/staff.module';
import { MessageListService } from './message-list.service';
import { MessagesConsoleController } from './messages.console.controller';

@Module({ imports: [StaffModule], controllers: [MessagesConsoleController], providers: [MessageListService] })
export class MessagesConsoleModule {}
