import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentSession, CustomerSessionGuard } from '../../accounts/session/customer-session.guard';
import type { CustomerSession } from '../../accounts/session/customer-session.service';
import { ZodPipe } from '../../common/zod-body.pipe';
import { normaliseNetworkId } from '../network-id';
import { SERVICE_TYPE_CODES } from '../service-type';
import { CustomerContractsService } from './customer-contracts.service';

const listQuery = z.object({
  status: z.enum(['active', 'cancelled'], { message: 'must be active or cancelled' }).optional(),
  serviceType: z.enum(SERVICE_TYPE_CODES as [string, ...string[]], { message: 'is not a service type' }).optional(),
  q: z.string().max(32, 'is too long').transform(normaliseNetworkId).optional(),
  offset: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more').default(0),
  limit: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more').max(200, 'must be 200 or less').default(50),
});

@ApiTags('customer: contracts')
@Controller('api/customer/contracts')
@UseGuards(CustomerSessionGuard)
export class CustomerContractsController {
  constructor(private readonly contracts: CustomerContractsService) {}

  @Get()
  list(@CurrentSession() session: CustomerSession, @Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>) {
    return this.contracts.list(session.loginAccountId, query as Parameters<CustomerContractsService['list']>[1]);
  }
}
