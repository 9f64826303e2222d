import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Readable } from 'node:stream';
import { AppError } from '../common/app-error';
import { Client, type ClientInfo } from '../common/client-info';
import { ZodPipe } from '../common/zod-body.pipe';
import { CurrentStaff, StaffRoles, StaffSessionGuard } from '../staff/staff-session.guard';
import type { StaffSession } from '../staff/staff-session.service';
import { staffTicketInput, type StaffTicketInput } from './staff-ticket-input';
import { StaffTicketIntakeService } from './staff-ticket-intake.service';
import { ITEM_CLASSES } from './plan';
import { ITEM_RESULT_FILTERS, TicketConsoleQueryService } from './ticket-console-query.service';
import { TicketCsvImportService } from './ticket-csv-import.service';
import { TicketReviewService, type Reviewer } from './ticket-review.service';
import { TICKET_STATES } from './ticket-states';

const bool = z.enum(['true', 'false'], { message: 'must be true or false' }).transform((v) => v === 'true');
const listQuery = z
  .object({
    state: z.union([z.enum(TICKET_STATES, { message: 'is not a ticket state' }), z.array(z.enum(TICKET_STATES, { message: 'is not a ticket state' }))]).optional(),
    assignee: z.union([z.literal('me'), z.uuid({ message: 'must be me or a staff id' })]).optional(),
    flagged: bool.optional(),
    breached: bool.optional(),
    topCruise: bool.optional(),
    q: z.string().trim().min(1).max(200, 'is too long').optional(),
    _sort: z.enum(['receivedAt', 'dueAt'], { message: 'must be receivedAt or dueAt' }).default('receivedAt'),
    _order: z.enum(['ASC', 'DESC'], { message: 'must be ASC or DESC' }).default('ASC'),
    _start: z.coerce.number({ message: 'must be a number' }).int().min(0, 'must be 0 or more').default(0),
    _end: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be 1 or more').default(25),
  })
  .refine((v) => v._end > v._start && v._end - v._start <= 200, { message: 'must be after _start, at most 200 rows', path: ['_end'] });
/** One page of a ticket's items (react-admin's list parameters); at most 200 rows a page, as the queue. */
const itemsQuery = z
  .object({
    class: z.enum(ITEM_CLASSES, { message: 'is not an item class' }).optional(),
    result: z.enum(ITEM_RESULT_FILTERS, { message: 'must be linked, already_linked, conflict or none' }).optional(),
    excluded: bool.optional(),
    _sort: z.enum(['networkId'], { message: 'must be networkId' }).default('networkId'),
    _order: z.enum(['ASC', 'DESC'], { message: 'must be ASC or DESC' }).default('ASC'),
    _start: z.coerce.number({ message: 'must be a number' }).int().min(0, 'must be 0 or more').default(0),
    _end: z.coerce.number({ message: 'must be a number' }).int().min(1, 'must be 1 or more').default(50),
  })
  .refine((v) => v._end > v._start && v._end - v._start <= 200, { message: 'must be after _start, at most 200 rows', path: ['_end'] });
const text = (min: number, max: number, what: string) => z.string({ message: 'is required' }).trim().min(min, `must say ${what} (at least ${min} characters)`).max(max, `must be at most ${max} characters`);
const noteBody = z.object({ body: text(1, 4000, 'something') });
const rejectBody = z.object({ reason: text(5, 2000, 'why, for the customer') });
const exclusionBody = z
  .object({ excluded: z.boolean({ message: 'must be true or false' }), reason: text(3, 1000, 'why').optional() })
  .refine((v) => !v.excluded || v.reason !== undefined, { message: 'is required to exclude an item', path: ['reason'] });

const reviewer = (staff: StaffSession, client: ClientInfo): Reviewer => ({ staffUserId: staff.staffUserId, role: staff.role, client });

/** Bulk-transfer tickets for the desk (domain.md §4.4, §5): intake, the queue, review and approval. */
@ApiTags('console: bulk-transfer tickets')
@Controller('api/console/tickets')
@UseGuards(StaffSessionGuard)
export class TicketsConsoleController {
  constructor(
    private readonly intake: StaffTicketIntakeService,
    private readonly csv: TicketCsvImportService,
    private readonly tickets: TicketConsoleQueryService,
    private readonly review: TicketReviewService,
  ) {}

  @Get()
  @StaffRoles('agent', 'supervisor')
  async list(@Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>, @CurrentStaff() staff: StaffSession, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.tickets.list({
      state: query.state === undefined ? undefined : Array.isArray(query.state) ? query.state : [query.state],
      assigneeId: query.assignee === 'me' ? staff.staffUserId : query.assignee,
      flagged: query.flagged,
      breached: query.breached,
      topCruise: query.topCruise,
      q: query.q,
      sort: query._sort,
      order: query._order,
      start: query._start,
      end: query._end,
    });
    reply.header('X-Total-Count', String(result.total));
    return result.items;
  }

  @Get(':id')
  @StaffRoles('agent', 'supervisor')
  one(@Param('id') id: string) {
    return this.tickets.one(id);
  }

  /** The ticket's items a page at a time (`X-Total-Count`): the ticket itself carries only their counts. */
  @Get(':id/items')
  @StaffRoles('agent', 'supervisor')
  async items(@Param('id') id: string, @Query(new ZodPipe(itemsQuery)) query: z.infer<typeof itemsQuery>, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.tickets.items(id, { class: query.class, result: query.result, excluded: query.excluded, order: query._order, start: query._start, end: query._end });
    reply.header('X-Total-Count', String(result.total));
    return result.items;
  }

  /** State and counts only: what a page polls while the workers move the ticket on. */
  @Get(':id/progress')
  @StaffRoles('agent', 'supervisor')
  progress(@Param('id') id: string) {
    return this.tickets.progress(id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @StaffRoles('agent', 'supervisor')
  assign(@Param('id') id: string, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.review.assignToMe(id, reviewer(staff, client));
  }

  @Post(':id/notes')
  @StaffRoles('agent', 'supervisor')
  note(@Param('id') id: string, @Body(new ZodPipe(noteBody)) body: z.infer<typeof noteBody>, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.review.addNote(id, body.body, reviewer(staff, client));
  }

  @Post(':id/items/:itemId/exclusion')
  @HttpCode(200)
  @StaffRoles('agent', 'supervisor')
  exclude(@Param('id') id: string, @Param('itemId') itemId: string, @Body(new ZodPipe(exclusionBody)) body: z.infer<typeof exclusionBody>, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    if (!/^\d{1,18}$/.test(itemId)) throw new AppError('item_not_found', HttpStatus.NOT_FOUND, 'No such planned item');
    return this.review.excludeItem(id, itemId, body.excluded ? body.reason! : null, reviewer(staff, client));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @StaffRoles('agent', 'supervisor')
  submit(@Param('id') id: string, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.review.submit(id, reviewer(staff, client));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @StaffRoles('supervisor')
  approve(@Param('id') id: string, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.review.approve(id, reviewer(staff, client));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @StaffRoles('agent', 'supervisor')
  reject(@Param('id') id: string, @Body(new ZodPipe(rejectBody)) body: z.infer<typeof rejectBody>, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.review.reject(id, body.reason, reviewer(staff, client));
  }

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
