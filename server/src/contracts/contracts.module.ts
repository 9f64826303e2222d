import { Module } from '@nestjs/common';
import { LegacyImportService } from './legacy-import/legacy-import.service';
import { LegacyCredentialService } from './legacy-login/legacy-credential.service';
import { LegacyLockoutService } from './legacy-login/legacy-lockout.service';

@Module({
  providers: [LegacyImportService, LegacyLockoutService, LegacyCredentialService],
  exports: [LegacyImportService, LegacyCredentialService, LegacyLockoutService],
})
export class ContractsModule {}
