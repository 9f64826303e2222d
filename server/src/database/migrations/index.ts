import { Foundation1764100000000 } from './1764100000000-foundation';
import { Audit1764200000000 } from './1764200000000-audit';
import { Messaging1764300000000 } from './1764300000000-messaging';
import { Registration1764400000000 } from './1764400000000-registration';
import { Mfa1764500000000 } from './1764500000000-mfa';
import { Login1764600000000 } from './1764600000000-login';
import { Otp1764700000000 } from './1764700000000-otp';
import { StepUp1764800000000 } from './1764800000000-step-up';
import { ContractAttach1764900000000 } from './1764900000000-contract-attach';
import { BulkTransferTickets1765000000000 } from './1765000000000-bulk-transfer-tickets';
import { StaffSignIn1765100000000 } from './1765100000000-staff-sign-in';
import { LegacyImportRuns1765200000000 } from './1765200000000-legacy-import-runs';
import { ConsoleSearchIndexes1765300000000 } from './1765300000000-console-search-indexes';
import { BulkTransferPlan1765400000000 } from './1765400000000-bulk-transfer-plan';
import { BulkTransferReview1765500000000 } from './1765500000000-bulk-transfer-review';
import { TransferAudit1765600000000 } from './1765600000000-transfer-audit';
import { TicketAccountMissing1765700000000 } from './1765700000000-ticket-account-missing';
import { AuditListIndexes1765800000000 } from './1765800000000-audit-list-indexes';

/** Migrations in order. Listed explicitly so the build, the CLI and the tests run the same set. */
export const MIGRATIONS = [
  Foundation1764100000000,
  Audit1764200000000,
  Messaging1764300000000,
  Registration1764400000000,
  Mfa1764500000000,
  Login1764600000000,
  Otp1764700000000,
  StepUp1764800000000,
  ContractAttach1764900000000,
  BulkTransferTickets1765000000000,
  StaffSignIn1765100000000,
  LegacyImportRuns1765200000000,
  ConsoleSearchIndexes1765300000000,
  BulkTransferPlan1765400000000,
  BulkTransferReview1765500000000,
  TransferAudit1765600000000,
  TicketAccountMissing1765700000000,
  AuditListIndexes1765800000000,
];
