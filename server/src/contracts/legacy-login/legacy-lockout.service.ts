import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { RUNTIME, type Runtime } from '../../runtime/runtime';

/** Behind the guide's visible lock: consecutive failures that waiting never resets (architecture.md). */
export const HIDDEN_FAILURE_CAP = 100;

export type AttemptGate =
  | { allowed: true }
  | { allowed: false; reason: 'locked'; retryAt: Date }
  | { allowed: false; reason: 'capped' };

/**
 * The guide's rule: 3 consecutive wrong passwords lock a network ID for 10 minutes (configurable).
 * Every attempt is charged as a failure *before* the password is checked, in one row-locked statement,
 * so parallel guesses are counted one by one (20 at once count 20) and none slips past the lock; a
 * correct password then refunds the charge. Unknown network IDs get a row too and lock alike.
 */
@Injectable()
export class LegacyLockoutService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async charge(networkId: string): Promise<AttemptGate> {
    const now = this.clock.now();
    const { failures: limit, minutes } = this.runtime.config.legacyLock;
    const lockUntil = new Date(now.getTime() + minutes * 60_000);
    return this.db.transaction(async (m) => {
      await m.query(`INSERT INTO legacy_login_attempts (network_id, updated_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [networkId, now]);
      const [row] = (await m.query(
        `SELECT failures, consecutive_failures, locked_until FROM legacy_login_attempts WHERE network_id = $1 FOR UPDATE`,
        [networkId],
      )) as Array<{ failures: number; consecutive_failures: number; locked_until: Date | null }>;
      const lockActive = row.locked_until !== null && row.locked_until > now;
      // An expired lock opens a fresh window of `limit` tries; the hidden counter keeps counting.
      const windowFailures = row.locked_until !== null && !lockActive ? 0 : row.failures;
      const failures = windowFailures + 1;
      const consecutive = row.consecutive_failures + 1;
      const lockedUntil = lockActive ? row.locked_until : failures >= limit ? lockUntil : null;
      await m.query(
        `UPDATE legacy_login_attempts
            SET failures = $2, consecutive_failures = $3, locked_until = $4, last_failure_at = $5, updated_at = $5
          WHERE network_id = $1`,
        [networkId, failures, consecutive, lockedUntil, now],
      );
      if (row.consecutive_failures >= HIDDEN_FAILURE_CAP) return { allowed: false, reason: 'capped' } as const;
      if (lockActive) return { allowed: false, reason: 'locked', retryAt: row.locked_until! } as const;
      return { allowed: true } as const;
    });
  }

  /** The password was right: the charge is refunded and every counter starts again. */
  async succeed(networkId: string): Promise<void> {
    await this.db.query(`DELETE FROM legacy_login_attempts WHERE network_id = $1`, [networkId]);
  }

  /** The lock this failed attempt caused, if any, to tell the customer when to come back. */
  async lockedUntil(networkId: string): Promise<Date | null> {
    const [row] = (await this.db.query(`SELECT locked_until FROM legacy_login_attempts WHERE network_id = $1`, [networkId])) as Array<{
      locked_until: Date | null;
    }>;
    return row?.locked_until && row.locked_until > this.clock.now() ? row.locked_until : null;
  }
}
