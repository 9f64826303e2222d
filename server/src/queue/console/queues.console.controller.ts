import { Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AuditService } from '../../audit/audit.service';
import { Client, type ClientInfo } from '../../common/client-info';
import { ZodPipe } from '../../common/zod-body.pipe';
import { inTransaction } from '../../database/transaction';
import { CurrentStaff, StaffRoles, StaffSessionGuard } from '../../staff/staff-session.guard';
import type { StaffSession } from '../../staff/staff-session.service';
import { QueueAdminService } from './queue-admin.service';

const pageQuery = z.object({
  _start: z.coerce.number().int().min(0, 'must be 0 or more').default(0),
  _end: z.coerce.number().int().min(1, 'must be 1 or more').max(200, 'must be at most 200').default(25),
  _sort: z.string().optional(),
  _order: z.string().optional(),
});

/** Queues for admins: counts, failed jobs, retry. Postgres stays the truth; this is for operations. */
@ApiTags('console: queues')
@Controller('api/console/queues')
@UseGuards(StaffSessionGuard)
@StaffRoles('admin')
export class QueuesConsoleController {
  constructor(
    private readonly queues: QueueAdminService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  overview() {
    return this.queues.overview();
  }

  @Get(':name/failed')
  async failed(@Param('name') name: string, @Query(new ZodPipe(pageQuery)) query: z.infer<typeof pageQuery>, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.queues.failed(name, { start: query._start, end: Math.max(query._end, query._start + 1) });
    reply.header('X-Total-Count', String(result.total));
    return result.items;
  }

  @Post(':name/jobs/:jobId/retry')
  @HttpCode(200)
  async retry(@Param('name') name: string, @Param('jobId') jobId: string, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    const result = await this.queues.retry(name, jobId);
    await inTransaction(this.db, (tx) =>
      this.audit.record(tx, { actor: { type: 'staff', id: staff.staffUserId }, action: 'queue.job_retried', target: { type: 'queue_job', id: `${name}:${jobId}` }, ...client }),
    );
    return result;
  }
}
