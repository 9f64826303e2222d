import { Module } from '@nestjs/common';
import { LoginModule } from '../login/login.module';
import { StaffModule } from '../staff/staff.module';
import { BulkRequestCustomerController } from './bulk-request.customer.controller';
import { BulkRequestService } from './bulk-request.service';
import { TicketConsoleQueryService } from './ticket-console-query.service';
import { TicketCsvImportService } from './ticket-csv-import.service';
import { TicketReviewService } from './ticket-review.service';
import { TicketIntakeService } from './ticket-intake.service';
import { TicketQueue } from './ticket.queue';
import { StaffTicketIntakeService } from './staff-ticket-intake.service';
import { TicketsConsoleController } from './tickets.console.controller';

@Module({
  imports: [LoginModule, StaffModule],
  controllers: [BulkRequestCustomerController, TicketsConsoleController],
  providers: [TicketIntakeService, TicketQueue, BulkRequestService, StaffTicketIntakeService, TicketCsvImportService, TicketConsoleQueryService, TicketReviewService],
  exports: [TicketIntakeService, StaffTicketIntakeService, TicketCsvImportService],
})
export class BulkTransferModule {}
