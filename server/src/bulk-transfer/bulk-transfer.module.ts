import { Module } from '@nestjs/common';
import { LoginModule } from '../login/login.module';
import { StaffModule } from '../staff/staff.module';
import { BulkRequestCustomerController } from './bulk-request.customer.controller';
import { BulkRequestService } from './bulk-request.service';
import { TicketConsoleQueryService } from './ticket-console-query.service';
import { TicketCsvImportService } from './ticket-csv-import.service';
import { TicketMetricsService } from './ticket-metrics.service';
import { TicketReviewService } from './ticket-review.service';
import { TransferAuditService } from './transfer-audit.service';
import { TransfersConsoleController } from './transfers.console.controller';
import { TicketIntakeService } from './ticket-intake.service';
import { TicketQueue } from './ticket.queue';
import { StaffTicketIntakeService } from './staff-ticket-intake.service';
import { TicketsConsoleController } from './tickets.console.controller';

@Module({
  imports: [LoginModule, StaffModule],
  controllers: [BulkRequestCustomerController, TicketsConsoleController, TransfersConsoleController],
  providers: [
    TicketIntakeService,
    TicketQueue,
    BulkRequestService,
    StaffTicketIntakeService,
    TicketCsvImportService,
    TicketConsoleQueryService,
    TicketReviewService,
    TicketMetricsService,
    TransferAuditService,
  ],
  exports: [TicketIntakeService, StaffTicketIntakeService, TicketCsvImportService],
})
export class BulkTransferModule {}
