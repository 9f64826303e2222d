import { Module } from '@nestjs/common';
import { LoginModule } from '../../login/login.module';
import { ContractsModule } from '../contracts.module';
import { ContractAttachCustomerController } from './contract-attach.customer.controller';
import { ContractAttachService } from './contract-attach.service';

@Module({ imports: [ContractsModule, LoginModule], controllers: [ContractAttachCustomerController], providers: [ContractAttachService] })
export class ContractAttachModule {}
