import { Module } from '@nestjs/common';
import { LegacyImportRunService } from './legacy-import/legacy-import-run.service';
import { LegacyImportService } from './legacy-import/legacy-import.service';
import { LegacyCredentialService } from './legacy-login/legacy-credential.service';
import { LegacyLockoutService } from './legacy-login/legacy-lockout.service';
import { ContractLinkService } from './linking/contract-link.service';

@Module({
  providers: [LegacyImportService, LegacyImportRunService, LegacyLockoutService, LegacyCredentialService, ContractLinkService],
  exports: [LegacyImportService, LegacyImportRunService, LegacyCredentialService, LegacyLockoutService, ContractLinkService],
})
export class ContractsModule {}
