import { Module } from '@nestjs/common';
import { CodeFactorService } from './code-factor.service';
import { MfaService } from './mfa.service';
import { OneTimeCodeService } from './one-time-code.service';

/**
 * MFA (domain.md §4.2): factors, recovery code, remembered devices; SMS, voice and email codes
 * (CodeFactorService). Import it to use them; the DataSource, Clock, AuditService, RUNTIME and the
 * outbox services they need are global in AppModule.
 */
@Module({ providers: [MfaService, OneTimeCodeService, CodeFactorService], exports: [MfaService, CodeFactorService, OneTimeCodeService] })
export class MfaModule {}
