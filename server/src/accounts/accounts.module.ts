import { Module } from '@nestjs/common';
import { PasswordCustomerController } from './password/password.customer.controller';
import { PasswordLinkService } from './password/password-link.service';

@Module({ controllers: [PasswordCustomerController], providers: [PasswordLinkService], exports: [PasswordLinkService] })
export class AccountsModule {}
