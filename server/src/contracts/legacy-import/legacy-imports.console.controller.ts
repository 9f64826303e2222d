import { Controller, Get, HttpStatus, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../common/app-error';
import { Client, type ClientInfo } from '../../common/client-info';
import { ZodPipe } from '../../common/zod-body.pipe';
import { CurrentStaff, StaffRoles, StaffSessionGuard } from '../../staff/staff-session.guard';
import type { StaffSession } from '../../staff/staff-session.service';
import { LegacyImportRunService } from './legacy-import-run.service';

const uploadQuery = z.object({ fileName: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters').default('upload.csv') });
const listQuery = z.object({
  _start: z.coerce.number().int().min(0, 'must be 0 or more').default(0),
  _end: z.coerce.number().int().min(1, 'must be 1 or more').max(200, 'must be at most 200').default(25),
  _sort: z.string().optional(),
  _order: z.string().optional(),
});

/** Legacy contract CSV imports from the console (domain.md §6.8): upload, then watch progress and the per-row report. */
@ApiTags('console: legacy import')
@Controller('api/console/imports')
@UseGuards(StaffSessionGuard)
@StaffRoles('supervisor', 'admin')
export class LegacyImportsConsoleController {
  constructor(private readonly runs: LegacyImportRunService) {}

  /** The body is the CSV file itself (`Content-Type: text/csv`, at most 64 MB); `?fileName=` names it. */
  @Post()
  @ApiConsumes('text/csv')
  upload(@Query(new ZodPipe(uploadQuery)) query: z.infer<typeof uploadQuery>, @Req() request: FastifyRequest, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    if (!Buffer.isBuffer(request.body)) {
      throw new AppError('unsupported_media_type', HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Send the CSV file as the body with Content-Type: text/csv');
    }
    return this.runs.upload(staff.staffUserId, request.body, query.fileName, client);
  }

  @Get()
  async list(@Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.runs.list({ start: query._start, end: Math.max(query._end, query._start + 1) });
    reply.header('X-Total-Count', String(result.total));
    return result.items;
  }

  @Get(':id')
  one(@Param('id') id: string) {
    return this.runs.one(id);
  }
}
