import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ZodPipe } from '../common/zod-body.pipe';
import { StaffRoles, StaffSessionGuard } from '../staff/staff-session.guard';
import { MigrationFunnelService } from './migration-funnel.service';

const stuckQuery = z
  .object({
    kind: z.enum(['no_password', 'no_mfa'], { message: 'must be no_password or no_mfa' }).optional(),
    _start: z.coerce.number({ message: 'must be a number' }).int().min(0, 'must be 0 or more').default(0),
    _end: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be 1 or more').default(25),
    _sort: z.string().optional(),
    _order: z.string().optional(),
  })
  .refine((v) => v._end > v._start && v._end - v._start <= 200, { message: 'must be after _start, at most 200 rows', path: ['_end'] });

/** The migration funnel on the console's dashboard, and the stuck customers behind it. */
@ApiTags('console: dashboard')
@Controller('api/console/funnel')
@UseGuards(StaffSessionGuard)
@StaffRoles('agent', 'supervisor', 'admin')
export class FunnelConsoleController {
  constructor(private readonly funnel: MigrationFunnelService) {}

  @Get()
  stages() {
    return this.funnel.stages();
  }

  @Get('stuck')
  async stuck(@Query(new ZodPipe(stuckQuery)) query: z.infer<typeof stuckQuery>, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.funnel.stuckList(query.kind, { start: query._start, end: query._end });
    reply.header('X-Total-Count', String(result.total));
    return result.items;
  }
}
