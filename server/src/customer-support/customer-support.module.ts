import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ContractsModule } from '../contracts/contracts.module';
import { MfaModule } from '../mfa/mfa.module';
import { StaffModule } from '../staff/staff.module';
import { CustomerActionsConsoleController } from './customer-actions.console.controller';
import { CustomerProfileService } from './customer-profile.service';
import { CustomerSearchService } from './customer-search.service';
import { CustomersConsoleController } from './customers.console.controller';
import { DeskAccountService } from './desk-account.service';
import { DeskContractLinkService } from './desk-contract-link.service';
import { DeskMfaService } from './desk-mfa.service';
import { FunnelConsoleController } from './funnel.console.controller';
import { MigrationFunnelService } from './migration-funnel.service';

/** The desk's view of customers and its actions on them (domain.md §6.2–6.6). */
@Module({
  imports: [StaffModule, ContractsModule, MfaModule, AccountsModule],
  controllers: [CustomersConsoleController, CustomerActionsConsoleController, FunnelConsoleController],
  providers: [CustomerSearchService, CustomerProfileService, DeskContractLinkService, DeskMfaService, DeskAccountService, MigrationFunnelService],
})
export class CustomerSupportModule {}
