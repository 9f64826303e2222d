import { Module } from '@nestjs/common';
import { StaffAdminConsoleController } from './staff-admin.console.controller';
import { StaffAdminService } from './staff-admin.service';
import { StaffAuthConsoleController } from './staff-auth.console.controller';
import { StaffSessionGuard } from './staff-session.guard';
import { StaffSessionService } from './staff-session.service';
import { StaffSignInService } from './staff-sign-in.service';
import { StaffStepUpService } from './staff-step-up.service';

/** Staff sign-in, sessions and the console guard; console features import it for StaffSessionGuard. */
@Module({
  controllers: [StaffAuthConsoleController, StaffAdminConsoleController],
  providers: [StaffSessionService, StaffSignInService, StaffSessionGuard, StaffStepUpService, StaffAdminService],
  exports: [StaffSessionService, StaffSessionGuard, StaffStepUpService],
})
export class StaffModule {}
