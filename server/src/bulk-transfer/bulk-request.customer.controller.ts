import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentSession, CustomerSessionGuard } from '../accounts/session/customer-session.guard';
import type { CustomerSession } from '../accounts/session/customer-session.service';
import { Client, type ClientInfo } from '../common/client-info';
import { ZodPipe } from '../common/zod-body.pipe';
import { BulkRequestService } from './bulk-request.service';

const fileBody = z.object({ topCruise: z.boolean({ message: 'must be true or false' }) });

/** domain.md §4.4; docs/api-customer-contracts.md. */
@ApiTags('customer: contracts')
@Controller('api/customer/bulk-transfer')
@UseGuards(CustomerSessionGuard)
export class BulkRequestCustomerController {
  constructor(private readonly requests: BulkRequestService) {}

  @Get()
  view(@CurrentSession() session: CustomerSession) {
    return this.requests.view(session);
  }

  @Post()
  file(@CurrentSession() session: CustomerSession, @Body(new ZodPipe(fileBody)) body: z.infer<typeof fileBody>, @Client() client: ClientInfo) {
    return this.requests.file(session, body.topCruise, client);
  }
}
