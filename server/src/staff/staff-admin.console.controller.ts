import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Client, type ClientInfo } from '../common/client-info';
import { ZodPipe } from '../common/zod-body.pipe';
import { emailField } from '../common/zod-fields';
import { StaffAdminService } from './staff-admin.service';
import { CurrentStaff, StaffRoles, StaffSessionGuard } from './staff-session.guard';
import type { StaffSession } from './staff-session.service';
import { STAFF_ROLES } from './staff-user.entity';

const role = z.enum(STAFF_ROLES, { message: `must be one of ${STAFF_ROLES.join(', ')}` });
const displayName = z.string({ message: 'is required' }).trim().min(1, 'is required').max(100, 'must be at most 100 characters');
const createBody = z.object({ email: emailField, displayName, role, initialPassword: z.string({ message: 'is required' }).max(128, 'must be at most 128 characters') });
const updateBody = z
  .object({ role: role.optional(), active: z.boolean({ message: 'must be true or false' }).optional(), displayName: displayName.optional() })
  .refine((v) => v.role !== undefined || v.active !== undefined || v.displayName !== undefined, { message: 'must change role, active or displayName', path: ['body'] });
const resetBody = z.object({ reason: z.string({ message: 'is required' }).trim().min(3, 'must say why (at least 3 characters)').max(1000) });
const listQuery = z.object({
  _start: z.coerce.number().int().min(0, 'must be 0 or more').default(0),
  _end: z.coerce.number().int().min(1, 'must be 1 or more').max(1000, 'must be at most 1000').default(25),
  _sort: z.string().optional(),
  _order: z.string().optional(),
});

/** Staff accounts (domain.md §6.10): admins only. */
@ApiTags('console: staff')
@Controller('api/console/staff')
@UseGuards(StaffSessionGuard)
@StaffRoles('admin')
export class StaffAdminConsoleController {
  constructor(private readonly staff: StaffAdminService) {}

  @Get()
  async list(@Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.staff.list({ start: query._start, end: Math.max(query._end, query._start + 1) });
    reply.header('X-Total-Count', String(result.total));
    return result.items;
  }

  @Get(':id')
  one(@Param('id') id: string) {
    return this.staff.one(id);
  }

  @Post()
  create(@Body(new ZodPipe(createBody)) body: z.infer<typeof createBody>, @CurrentStaff() admin: StaffSession, @Client() client: ClientInfo) {
    return this.staff.create(admin.staffUserId, body, client);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body(new ZodPipe(updateBody)) body: z.infer<typeof updateBody>, @CurrentStaff() admin: StaffSession, @Client() client: ClientInfo) {
    return this.staff.update(admin.staffUserId, id, body, client);
  }

  @Post(':id/totp-reset')
  @HttpCode(200)
  resetTotp(@Param('id') id: string, @Body(new ZodPipe(resetBody)) body: z.infer<typeof resetBody>, @CurrentStaff() admin: StaffSession, @Client() client: ClientInfo) {
    return this.staff.resetTotp(admin.staffUserId, id, body.reason, client);
  }
}
