import { Module } from '@nestjs/common';
import { LoginModule } from '../login/login.module';
import { MfaModule } from '../mfa/mfa.module';
import { MfaSettingsCustomerController } from './mfa-settings.customer.controller';
import { MfaSettingsService } from './mfa-settings.service';

@Module({ imports: [MfaModule, LoginModule], controllers: [MfaSettingsCustomerController], providers: [MfaSettingsService] })
export class MfaSettingsModule {}
