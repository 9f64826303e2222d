import { Module } from '@nestjs/common';
import { MfaModule } from '../mfa/mfa.module';
import { PasswordCustomerController } from './password/password.customer.controller';
import { PasswordLinkService } from './password/password-link.service';

@Module({ imports: [MfaModule], controllers: [PasswordCustomerController], providers: [PasswordLinkService], exports: [PasswordLinkService] })
export class AccountsModule {}
