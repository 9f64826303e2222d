import { Module } from '@nestjs/common';
import { MfaService } from './mfa.service';

/**
 * MFA (domain.md §4.2): factors, recovery code, remembered devices. Import it to use MfaService; the
 * DataSource, Clock, AuditService and RUNTIME it needs are global in AppModule.
 */
@Module({ providers: [MfaService], exports: [MfaService] })
export class MfaModule {}
