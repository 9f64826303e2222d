import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { ClientInfo } from '../../common/client-info';
import { RateLimiter } from '../../common/rate-limiter';
import { RUNTIME, type Runtime } from '../../runtime/runtime';
import type { ContractStatus } from '../contract.entity';
import { verifyLegacyPassword, type LegacyHashScheme } from '../legacy-import/legacy-password';
import { CUTOVER_FIRST_DAY, SERVICE_TYPES, type ServiceType } from '../service-type';
import { LegacyLockoutService } from './legacy-lockout.service';

export interface VerifiedContract {
  id: string;
  networkId: string;
  serviceType: ServiceType;
  loginAccountId: string | null;
  /** The linked account never got a password (its mail went astray): registering again may move the link. */
  linkedAccountPending: boolean;
}

interface ContractRow {
  id: string;
  network_id: string;
  service_type: ServiceType;
  status: ContractStatus;
  contracted_at: string;
  login_account_id: string | null;
  linked_account_pending: boolean;
  legacy_password_scheme: LegacyHashScheme;
  legacy_password_hash: string;
}

// A real bcrypt hash (cost 10, like the legacy ones) of a random string: unknown network IDs and
// sha256 contracts pay the same bcrypt cost as a bcrypt contract, so time does not tell who exists.
const DUMMY_BCRYPT = '$2b$10$9G06LwRYExTnr5KQwDV5AeF2L42KH5ASlFh6cj8/2NoM1Gz1gaewa';

export const invalidCredentials = () =>
  new AppError('invalid_credentials', HttpStatus.UNAUTHORIZED, 'The network ID or the password is not correct');

export const serviceName = (type: ServiceType) => ({ ja: SERVICE_TYPES[type].ja, en: SERVICE_TYPES[type].en });

/**
 * Checks a legacy network ID + password, for registration (§4.1) and attaching contracts (§4.3):
 * per-IP rate limit first (before any hashing), then the shared 3-failure lock, then the hash, and only
 * after a correct password the specific refusals (excluded type, cancelled, post-cutover, linked).
 */
@Injectable()
export class LegacyCredentialService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly lockout: LegacyLockoutService,
    private readonly limiter: RateLimiter,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** Returns the contract when the password is right; throws the refusal otherwise. */
  async verify(networkId: string, password: string, client: ClientInfo): Promise<VerifiedContract & { status: ContractStatus; contractedAt: string }> {
    const perIp = await this.limiter.hit('legacy-ip', client.ip, this.runtime.config.legacyIpLimitPerMinute, 60);
    if (!perIp.allowed) {
      const retryAt = new Date(Date.now() + perIp.retryAfterSeconds * 1000).toISOString();
      throw new AppError('rate_limited', HttpStatus.TOO_MANY_REQUESTS, 'Too many attempts from this address', { retryAt }, {
        'Retry-After': String(perIp.retryAfterSeconds),
      });
    }
    const gate = await this.lockout.charge(networkId);
    if (!gate.allowed) throw gate.reason === 'capped' ? cappedError() : lockedError(gate.retryAt);

    const [row] = (await this.db.query(
      `SELECT c.id, c.network_id, c.service_type, c.status, c.contracted_at::text AS contracted_at, c.login_account_id,
              coalesce(a.state = 'pending_password', false) AS linked_account_pending,
              c.legacy_password_scheme, c.legacy_password_hash
         FROM contracts c LEFT JOIN login_accounts a ON a.id = c.login_account_id
        WHERE c.network_id = $1`,
      [networkId],
    )) as ContractRow[];
    const ok = await this.passwordMatches(row, password);
    if (!ok) {
      const lockedUntil = await this.lockout.lockedUntil(networkId);
      throw lockedUntil ? lockedError(lockedUntil) : invalidCredentials();
    }
    await this.lockout.succeed(networkId);
    return {
      id: row.id,
      networkId: row.network_id,
      serviceType: row.service_type,
      loginAccountId: row.login_account_id,
      linkedAccountPending: row.linked_account_pending,
      status: row.status,
      contractedAt: row.contracted_at,
    };
  }

  /** The refusals that only someone who knows the password may see. */
  assertEligible(contract: {
    serviceType: ServiceType;
    status: ContractStatus;
    contractedAt: string;
    loginAccountId: string | null;
    linkedAccountPending?: boolean;
  }): void {
    const type = SERVICE_TYPES[contract.serviceType];
    if (type.category !== 'infosphere') {
      throw new AppError('excluded_service', HttpStatus.UNPROCESSABLE_ENTITY, `${type.en} is out of scope of this migration`, {
        serviceType: contract.serviceType,
        serviceName: serviceName(contract.serviceType),
      });
    }
    if (contract.status === 'cancelled') {
      throw new AppError('cancelled_contract', HttpStatus.UNPROCESSABLE_ENTITY, 'This contract is cancelled');
    }
    if (contract.contractedAt >= CUTOVER_FIRST_DAY) {
      throw new AppError('post_cutover_contract', HttpStatus.UNPROCESSABLE_ENTITY, 'This contract started after the cutover: log in directly');
    }
    if (contract.loginAccountId && !contract.linkedAccountPending) {
      throw new AppError('already_linked', HttpStatus.CONFLICT, 'This network ID is already migrated: please log in');
    }
  }

  private async passwordMatches(row: ContractRow | undefined, password: string): Promise<boolean> {
    if (!row) {
      await bcrypt.compare(password, DUMMY_BCRYPT);
      return false;
    }
    if (row.legacy_password_scheme === 'bcrypt') return verifyLegacyPassword('bcrypt', row.legacy_password_hash, password);
    const [ok] = await Promise.all([verifyLegacyPassword(row.legacy_password_scheme, row.legacy_password_hash, password), bcrypt.compare(password, DUMMY_BCRYPT)]);
    return ok;
  }
}

function lockedError(retryAt: Date) {
  return new AppError('locked', HttpStatus.LOCKED, 'Too many wrong passwords: try again later', { retryAt: retryAt.toISOString() });
}

function cappedError() {
  return new AppError('locked_contact_support', HttpStatus.LOCKED, 'This network ID is locked: please contact the support desk');
}
