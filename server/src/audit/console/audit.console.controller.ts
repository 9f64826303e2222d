import { Controller, Get, HttpCode, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Client, type ClientInfo } from '../../common/client-info';
import { Clock } from '../../common/clock';
import { ZodPipe } from '../../common/zod-body.pipe';
import { inTransaction } from '../../database/transaction';
import { CurrentStaff, StaffRoles, StaffSessionGuard } from '../../staff/staff-session.guard';
import type { StaffSession } from '../../staff/staff-session.service';
import { AuditChainVerifier } from '../audit-chain.verifier';
import { AuditService } from '../audit.service';
import { auditFilter } from './audit-filter';
import { AuditLogService } from './audit-log.service';

const MAX_PAGE = 200;
const listQuery = auditFilter.and(
  z
    .object({
      _start: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').default(0),
      _end: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more').default(25),
      _sort: z.literal('id', { message: 'must be id' }).default('id'),
      _order: z.enum(['ASC', 'DESC'], { message: 'must be ASC or DESC' }).default('DESC'),
    })
    .refine((v) => v._end > v._start && v._end - v._start <= MAX_PAGE, { message: `must be after _start, at most ${MAX_PAGE} rows`, path: ['_end'] }),
);

/** The audit log in the console (domain.md §6.7): supervisors and admins read, export and verify it. */
@ApiTags('console: audit')
@Controller('api/console/audit')
@UseGuards(StaffSessionGuard)
@StaffRoles('supervisor', 'admin')
export class AuditConsoleController {
  constructor(
    private readonly log: AuditLogService,
    private readonly verifier: AuditChainVerifier,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  async list(@Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { _start, _end, _order, actorType, actorId, action, targetType, targetId, from, to } = query;
    const result = await this.log.list({ actorType, actorId, action, targetType, targetId, from, to }, { start: _start, end: _end, order: _order });
    reply.header('X-Total-Count', String(result.total));
    // The count stopped: X-Total-Count is a lower bound, and the console pages on without a last page.
    if (result.capped) reply.header('X-Total-Count-Capped', 'true');
    return result.items;
  }

  /** Streams the matching events as CSV; the export itself is an audited event. */
  @Get('export.csv')
  async exportCsv(@Query(new ZodPipe(auditFilter)) filter: z.infer<typeof auditFilter>, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo, @Res() reply: FastifyReply) {
    await inTransaction(this.db, (tx) =>
      this.audit.record(tx, { actor: { type: 'staff', id: staff.staffUserId }, action: 'audit.exported', target: { type: 'audit_log' }, after: { filter }, ...client }),
    );
    const stamp = this.clock.now().toISOString().replace(/[:.]/g, '-');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${stamp}.csv"`)
      .send(this.log.exportCsv(filter));
  }

  /** Walks the whole hash chain now and says whether it is intact, or where it breaks. */
  @Post('verification')
  @HttpCode(200)
  verify() {
    return this.verifier.verify();
  }
}
