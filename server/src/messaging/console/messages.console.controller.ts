import { Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Client, type ClientInfo } from '../../common/client-info';
import { ZodPipe } from '../../common/zod-body.pipe';
import { CurrentStaff, StaffRoles, StaffSessionGuard } from '../../staff/staff-session.guard';
import type { StaffSession } from '../../staff/staff-session.service';
import { MessageListService } from './message-list.service';

const MAX_PAGE = 200;
const listQuery = z
  .object({
    state: z.enum(['pending', 'sending', 'sent', 'failed'], { message: 'must be pending, sending, sent or failed' }).optional(),
    channel: z.enum(['mail', 'sms', 'voice'], { message: 'must be mail, sms or voice' }).optional(),
    recipient: z.string().trim().min(1).max(200, 'is too long').optional(),
    loginAccountId: z.uuid({ message: 'must be a customer id' }).optional(),
    _start: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').default(0),
    _end: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more').default(25),
    _sort: z.string().optional(),
    _order: z.enum(['ASC', 'DESC'], { message: 'must be ASC or DESC' }).optional(),
  })
  .refine((v) => v._end > v._start && v._end - v._start <= MAX_PAGE, { message: `must be after _start, at most ${MAX_PAGE} rows`, path: ['_end'] });

/** Outgoing mail, SMS and calls across customers, failed first (domain.md §7), with a retry. */
@ApiTags('console: messages')
@Controller('api/console/messages')
@UseGuards(StaffSessionGuard)
@StaffRoles('agent', 'supervisor', 'admin')
export class MessagesConsoleController {
  constructor(private readonly messages: MessageListService) {}

  @Get()
  async list(@Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.messages.list({ ...query, start: query._start, end: query._end });
    reply.header('X-Total-Count', String(result.total));
    return result.items;
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@Param('id') id: string, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.messages.retry(id, staff.staffUserId, client);
  }
}
