import { Module } from '@nestjs/common';
import { LoginModule } from '../../login/login.module';
import { CustomerContractsController } from './customer-contracts.customer.controller';
import { CustomerContractsService } from './customer-contracts.service';

@Module({ imports: [LoginModule], controllers: [CustomerContractsController], providers: [CustomerContractsService] })
export class CustomerContractsModule {}
