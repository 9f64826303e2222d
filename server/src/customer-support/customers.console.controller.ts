import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ZodPipe } from '../common/zod-body.pipe';
import { StaffRoles, StaffSessionGuard } from '../staff/staff-session.guard';
import { CustomerProfileService } from './customer-profile.service';
import { CustomerSearchService } from './customer-search.service';

const MAX_PAGE = 200;

/** react-admin's json-server list parameters (admin-ui/src/providers/dataProvider.ts). */
const listQuery = z
  .object({
    q: z.string().max(200, 'must be at most 200 characters').optional(),
    state: z.enum(['pending_password', 'active', 'disabled'], { message: 'must be pending_password, active or disabled' }).optional(),
    _sort: z.enum(['createdAt', 'email'], { message: 'must be createdAt or email' }).default('createdAt'),
    _order: z.enum(['ASC', 'DESC'], { message: 'must be ASC or DESC' }).default('DESC'),
    _start: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').default(0),
    _end: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more').default(25),
  })
  .refine((v) => v._end > v._start && v._end - v._start <= MAX_PAGE, { message: `must be after _start, at most ${MAX_PAGE} rows`, path: ['_end'] });

const idParam = z.object({ id: z.string().max(64, 'is not a customer id') });

/** The desk's customer search and customer page (domain.md §6.2). */
@ApiTags('console: customers')
@Controller('api/console/customers')
@UseGuards(StaffSessionGuard)
@StaffRoles('agent', 'supervisor')
export class CustomersConsoleController {
  constructor(
    private readonly search: CustomerSearchService,
    private readonly profiles: CustomerProfileService,
  ) {}

  @Get()
  async list(@Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.search.search({ q: query.q, state: query.state, sort: query._sort, order: query._order, start: query._start, end: query._end });
    reply.header('X-Total-Count', String(result.total));
    return result.items;
  }

  @Get(':id')
  one(@Param(new ZodPipe(idParam)) params: z.infer<typeof idParam>) {
    return this.profiles.profile(params.id);
  }
}
