import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentSession, CustomerSessionGuard } from '../../accounts/session/customer-session.guard';
import type { CustomerSession } from '../../accounts/session/customer-session.service';
import { Client, type ClientInfo } from '../../common/client-info';
import { ZodPipe } from '../../common/zod-body.pipe';
import { networkIdField, passwordField } from '../../common/zod-fields';
import { ATTACH_MAX_ITEMS, ContractAttachService } from './contract-attach.service';

const verifyBody = z.object({ networkId: networkIdField, password: passwordField });
const confirmBody = z.object({
  networkIds: z
    .array(networkIdField, { message: 'must be a list of network IDs' })
    .min(1, 'must name at least one network ID')
    .max(ATTACH_MAX_ITEMS, `must name at most ${ATTACH_MAX_ITEMS} network IDs`)
    .transform((ids) => [...new Set(ids)]),
});
const networkIdParam = z.object({ networkId: networkIdField });

/** domain.md §4.3; docs/api-customer-contracts.md. */
@ApiTags('customer: contracts')
@Controller('api/customer/contracts/attach')
@UseGuards(CustomerSessionGuard)
export class ContractAttachCustomerController {
  constructor(private readonly attach: ContractAttachService) {}

  @Get()
  list(@CurrentSession() session: CustomerSession) {
    return this.attach.list(session.loginAccountId);
  }

  @Post('verify')
  @HttpCode(200)
  verify(@CurrentSession() session: CustomerSession, @Body(new ZodPipe(verifyBody)) body: z.infer<typeof verifyBody>, @Client() client: ClientInfo) {
    return this.attach.verify(session, body.networkId, body.password, client);
  }

  @Delete('items/:networkId')
  remove(@CurrentSession() session: CustomerSession, @Param(new ZodPipe(networkIdParam)) params: z.infer<typeof networkIdParam>, @Client() client: ClientInfo) {
    return this.attach.remove(session, params.networkId, client);
  }

  @Post('confirm')
  @HttpCode(200)
  confirm(@CurrentSession() session: CustomerSession, @Body(new ZodPipe(confirmBody)) body: z.infer<typeof confirmBody>, @Client() client: ClientInfo) {
    return this.attach.confirm(session, body.networkIds, client);
  }
}
