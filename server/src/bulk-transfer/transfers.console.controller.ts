import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Client, type ClientInfo } from '../common/client-info';
import { ZodPipe } from '../common/zod-body.pipe';
import { CurrentStaff, StaffRoles, StaffSessionGuard } from '../staff/staff-session.guard';
import type { StaffSession } from '../staff/staff-session.service';
import { TicketMetricsService } from './ticket-metrics.service';
import { TransferAuditService } from './transfer-audit.service';

const listQuery = z
  .object({
    audited: z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true').optional(),
    _start: z.coerce.number().int().min(0, 'must be 0 or more').default(0),
    _end: z.coerce.number().int().min(1, 'must be 1 or more').default(25),
    _sort: z.string().optional(),
    _order: z.string().optional(),
  })
  .refine((v) => v._end > v._start && v._end - v._start <= 200, { message: 'must be after _start, at most 200 rows', path: ['_end'] });
const auditBody = z.object({ comment: z.string({ message: 'is required' }).trim().min(3, 'must say what was checked (at least 3 characters)').max(2000, 'must be at most 2000 characters') });

/** The SLA dashboard (all desk roles) and the supervisors' audit of executed transfers (issue 7). */
@ApiTags('console: bulk-transfer tickets')
@Controller('api/console')
@UseGuards(StaffSessionGuard)
export class TransfersConsoleController {
  constructor(
    private readonly metrics: TicketMetricsService,
    private readonly transfers: TransferAuditService,
  ) {}

  @Get('ticket-metrics')
  @StaffRoles('agent', 'supervisor', 'admin')
  dashboard() {
    return this.metrics.dashboard();
  }

  @Get('transfers')
  @StaffRoles('supervisor')
  async list(@Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.transfers.list({ audited: query.audited }, { start: query._start, end: query._end });
    reply.header('X-Total-Count', String(result.total));
    return result.items;
  }

  @Get('transfers/:id')
  @StaffRoles('supervisor')
  one(@Param('id') id: string) {
    return this.transfers.one(id);
  }

  @Get('transfers/:id/report.csv')
  @StaffRoles('supervisor')
  async report(@Param('id') id: string, @Res() reply: FastifyReply) {
    const { number, stream } = await this.transfers.reportCsv(id);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="transfer-${number}.csv"`).send(stream);
  }

  @Post('transfers/:id/audit')
  @HttpCode(200)
  @StaffRoles('supervisor')
  markAudited(@Param('id') id: string, @Body(new ZodPipe(auditBody)) body: z.infer<typeof auditBody>, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.transfers.markAudited(id, body.comment, staff.staffUserId, client);
  }
}
