import { Global, Module } from '@nestjs/common';
import { AuditChainVerifier } from './audit-chain.verifier';
import { AuditService } from './audit.service';

/** The audit log (docs/audit.md): AuditService for every feature that changes state, the verifier for the console. */
@Global()
@Module({ providers: [AuditService, AuditChainVerifier], exports: [AuditService, AuditChainVerifier] })
export class AuditModule {}
