import { Body, Controller, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { AppError } from '../common/app-error';
import { Client, type ClientInfo } from '../common/client-info';
import { ZodPipe } from '../common/zod-body.pipe';
import { CurrentStaff, StaffRoles, StaffSessionGuard } from '../staff/staff-session.guard';
import type { StaffSession } from '../staff/staff-session.service';
import { staffTicketInput, type StaffTicketInput } from './staff-ticket-input';
import { StaffTicketIntakeService } from './staff-ticket-intake.service';
import { TicketCsvImportService } from './ticket-csv-import.service';

/** Ticket intake for the desk (domain.md §4.4): requests that came by the inquiry form, phone or mail. */
@ApiTags('console: bulk-transfer tickets')
@Controller('api/console/tickets')
@UseGuards(StaffSessionGuard)
export class TicketsConsoleController {
  constructor(
    private readonly intake: StaffTicketIntakeService,
    private readonly csv: TicketCsvImportService,
  ) {}

  @Post()
  @StaffRoles('agent', 'supervisor')
  async create(@CurrentStaff() staff: StaffSession, @Body(new ZodPipe(staffTicketInput)) body: StaffTicketInput, @Client() client: ClientInfo) {
    const ticket = await this.intake.create(staff.staffUserId, body, client);
    return { id: ticket.id, number: ticket.number, state: ticket.state, remark: ticket.remark, receivedAt: ticket.receivedAt.toISOString(), dueAt: ticket.dueAt.toISOString() };
  }

  /** The body is the CSV file itself (`Content-Type: text/csv`, UTF-8, at most 5 MB). */
  @Post('import')
  @StaffRoles('agent', 'supervisor')
  @ApiConsumes('text/csv')
  importCsv(@CurrentStaff() staff: StaffSession, @Req() request: FastifyRequest, @Client() client: ClientInfo) {
    if (!Buffer.isBuffer(request.body)) {
      throw new AppError('unsupported_media_type', HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Send the CSV file as the body with Content-Type: text/csv');
    }
    return this.csv.import(staff.staffUserId, Readable.from([request.body]), client);
  }
}
