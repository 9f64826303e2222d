import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Client, type ClientInfo } from '../common/client-info';
import { ZodPipe } from '../common/zod-body.pipe';
import { networkIdField } from '../common/zod-fields';
import { CurrentStaff, StaffRoles, StaffSessionGuard } from '../staff/staff-session.guard';
import type { StaffSession } from '../staff/staff-session.service';
import { DeskAccountService } from './desk-account.service';
import { DeskContractLinkService } from './desk-contract-link.service';
import { DeskMfaService, MFA_RESET_REASONS } from './desk-mfa.service';

const reason = z.string({ message: 'is required' }).trim().min(3, 'must say why (at least 3 characters)').max(1000, 'must be at most 1000 characters');
const stepUpCode = z.string({ message: 'is required: your own current authenticator code' }).min(1, 'is required: your own current authenticator code').max(20, 'is too long');
const customerParam = z.object({ id: z.string().max(64, 'is not a customer id') });
const contractParam = z.object({ id: z.string().max(64, 'is not a customer id'), networkId: networkIdField });

const linkBody = z.object({ networkId: networkIdField, reason });
const reasonBody = z.object({ reason });
const mfaResetBody = z.object({
  reasonCode: z.enum(MFA_RESET_REASONS, { message: `must be one of ${MFA_RESET_REASONS.join(', ')}` }),
  identityCheck: z.string({ message: 'is required: how the caller was identified' }).trim().min(10, 'must say how the caller was identified (at least 10 characters)').max(2000, 'must be at most 2000 characters'),
  stepUpCode,
  ticketNumber: z.string().regex(/^BT-\d{6}$/, 'must look like BT-000123').optional(),
});
const recoveryBody = z.object({ reason, stepUpCode });

/** The desk's actions on one customer (domain.md §6.3–6.6); each audited with the staff member and reason. */
@ApiTags('console: customers')
@Controller('api/console/customers/:id')
@UseGuards(StaffSessionGuard)
export class CustomerActionsConsoleController {
  constructor(
    private readonly links: DeskContractLinkService,
    private readonly mfa: DeskMfaService,
    private readonly accounts: DeskAccountService,
  ) {}

  @Post('contracts')
  @StaffRoles('agent', 'supervisor')
  link(@Param(new ZodPipe(customerParam)) p: z.infer<typeof customerParam>, @Body(new ZodPipe(linkBody)) body: z.infer<typeof linkBody>, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.links.link(p.id, body.networkId, body.reason, { staffUserId: staff.staffUserId, client });
  }

  @Post('contracts/:networkId/unlink')
  @HttpCode(200)
  @StaffRoles('supervisor')
  unlink(@Param(new ZodPipe(contractParam)) p: z.infer<typeof contractParam>, @Body(new ZodPipe(reasonBody)) body: z.infer<typeof reasonBody>, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.links.unlink(p.id, p.networkId, body.reason, { staffUserId: staff.staffUserId, client });
  }

  @Post('mfa-reset')
  @HttpCode(200)
  @StaffRoles('agent', 'supervisor')
  resetMfa(@Param(new ZodPipe(customerParam)) p: z.infer<typeof customerParam>, @Body(new ZodPipe(mfaResetBody)) body: z.infer<typeof mfaResetBody>, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.mfa.reset(p.id, body, { staffUserId: staff.staffUserId, client });
  }

  @Post('recovery-code')
  @HttpCode(200)
  @StaffRoles('agent', 'supervisor')
  reissueRecoveryCode(@Param(new ZodPipe(customerParam)) p: z.infer<typeof customerParam>, @Body(new ZodPipe(recoveryBody)) body: z.infer<typeof recoveryBody>, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.mfa.reissueRecoveryCode(p.id, body.reason, body.stepUpCode, { staffUserId: staff.staffUserId, client });
  }

  @Post('lockouts/:networkId/clear')
  @HttpCode(200)
  @StaffRoles('agent', 'supervisor')
  clearLockout(@Param(new ZodPipe(contractParam)) p: z.infer<typeof contractParam>, @Body(new ZodPipe(reasonBody)) body: z.infer<typeof reasonBody>, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.accounts.clearLockout(p.id, p.networkId, body.reason, { staffUserId: staff.staffUserId, client });
  }

  @Post('password-link')
  @HttpCode(200)
  @StaffRoles('agent', 'supervisor')
  resendPasswordLink(@Param(new ZodPipe(customerParam)) p: z.infer<typeof customerParam>, @Body(new ZodPipe(reasonBody)) body: z.infer<typeof reasonBody>, @CurrentStaff() staff: StaffSession, @Client() client: ClientInfo) {
    return this.accounts.resendPasswordLink(p.id, body.reason, { staffUserId: staff.staffUserId, client });
  }
}
