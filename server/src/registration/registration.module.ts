import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ContractsModule } from '../contracts/contracts.module';
import { RegistrationCustomerController } from './registration.customer.controller';
import { RegistrationService } from './registration.service';

@Module({ imports: [ContractsModule, AccountsModule], controllers: [RegistrationCustomerController], providers: [RegistrationService] })
export class RegistrationModule {}
