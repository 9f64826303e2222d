import { LoginAccount } from '../accounts/login-account.entity';
import { BillingAccount } from '../contracts/billing-account.entity';
import { Contract } from '../contracts/contract.entity';
import { StaffUser } from '../staff/staff-user.entity';

/** Every entity, in one list shared by the app, the CLI data source and the tests. */
export const ENTITIES = [BillingAccount, Contract, LoginAccount, StaffUser];
