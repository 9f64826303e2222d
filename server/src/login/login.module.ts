import { Module } from '@nestjs/common';
import { CustomerSessionGuard } from '../accounts/session/customer-session.guard';
import { CustomerSessionService } from '../accounts/session/customer-session.service';
import { MfaModule } from '../mfa/mfa.module';
import { LoginCustomerController } from './login.customer.controller';
import { LoginFlowService } from './login-flow.service';

@Module({
  imports: [MfaModule],
  controllers: [LoginCustomerController],
  providers: [LoginFlowService, CustomerSessionService, CustomerSessionGuard],
  exports: [CustomerSessionService, CustomerSessionGuard],
})
export class LoginModule {}
