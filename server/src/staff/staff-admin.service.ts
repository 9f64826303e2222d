import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hashPassword } from '../accounts/password/password-hasher';
import { passwordProblem } from '../accounts/password/password-policy';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import { Clock } from '../common/clock';
import { inTransaction, type Tx } from '../database/transaction';
import type { StaffRole } from './staff-user.entity';

interface StaffRow {
  id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  active: boolean;
  totp_enrolled_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = 'id, email, display_name, role, active, totp_enrolled_at, last_sign_in_at, created_at';
const notFound = () => new AppError('staff_not_found', HttpStatus.NOT_FOUND, 'No such staff member');

const view = (s: StaffRow) => ({
  id: s.id,
  email: s.email,
  displayName: s.display_name,
  role: s.role,
  active: s.active,
  totpEnrolled: s.totp_enrolled_at !== null,
  lastSignInAt: s.last_sign_in_at?.toISOString() ?? null,
  createdAt: s.created_at.toISOString(),
});

/**
 * Staff accounts, for admins (domain.md §6.10): create (with an initial password the admin hands over;
 * TOTP is enrolled at the first sign-in), change role, deactivate (sessions end at once), reset TOTP.
 * An admin cannot demote or deactivate themselves, so the console never loses its last admin by accident.
 */
@Injectable()
export class StaffAdminService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(page: { start: number; end: number }) {
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM staff_users ORDER BY active DESC, lower(email) LIMIT $1 OFFSET $2`, [page.end - page.start, page.start]) as Promise<StaffRow[]>,
      this.db.query(`SELECT count(*)::int AS total FROM staff_users`) as Promise<Array<{ total: number }>>,
    ]);
    return { total, items: rows.map(view) };
  }

  async one(id: string) {
    const [row] = UUID.test(id) ? ((await this.db.query(`SELECT ${COLUMNS} FROM staff_users WHERE id = $1`, [id])) as StaffRow[]) : [];
    if (!row) throw notFound();
    return view(row);
  }

  async create(adminId: string, input: { email: string; displayName: string; role: StaffRole; initialPassword: string }, client: ClientInfo) {
    const problem = passwordProblem(input.initialPassword, { email: input.email });
    if (problem) throw AppError.invalidInput([{ field: 'initialPassword', message: problem }]);
    const hash = await hashPassword(input.initialPassword);
    return inTransaction(this.db, async (tx) => {
      const now = this.clock.now();
      const rows = (await tx.manager.query(
        `INSERT INTO staff_users (email, display_name, role, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
         ON CONFLICT ((lower(email))) DO NOTHING RETURNING ${COLUMNS}`,
        [input.email, input.displayName, input.role, hash, now],
      )) as StaffRow[];
      if (rows.length === 0) throw AppError.invalidInput([{ field: 'email', message: 'a staff member already has this email' }]);
      await this.audit.record(tx, {
        actor: { type: 'staff', id: adminId },
        action: 'staff.created',
        target: { type: 'staff_user', id: rows[0].id },
        after: { email: input.email, displayName: input.displayName, role: input.role },
        ...client,
      });
      return view(rows[0]);
    });
  }

  async update(adminId: string, id: string, change: { role?: StaffRole; active?: boolean; displayName?: string }, client: ClientInfo) {
    return inTransaction(this.db, async (tx) => {
      const before = await this.lock(tx, id);
      if (id === adminId && ((change.role && change.role !== 'admin') || change.active === false)) {
        throw new AppError('cannot_change_self', HttpStatus.CONFLICT, 'You cannot demote or deactivate yourself: ask another admin');
      }
      const [[after]] = (await tx.manager.query(
        `UPDATE staff_users SET role = coalesce($2::text, role), active = coalesce($3::boolean, active), display_name = coalesce($4::text, display_name), updated_at = $5
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, change.role ?? null, change.active ?? null, change.displayName ?? null, this.clock.now()],
      )) as [StaffRow[], number]; // an UPDATE answers [rows, count]
      if (change.active === false || (change.role && change.role !== before.role)) await this.endSessions(tx, id);
      await this.audit.record(tx, {
        actor: { type: 'staff', id: adminId },
        action: 'staff.updated',
        target: { type: 'staff_user', id },
        before: { role: before.role, active: before.active, displayName: before.display_name },
        after: { role: after.role, active: after.active, displayName: after.display_name },
        ...client,
      });
      return view(after);
    });
  }

  /** The staff member lost their authenticator: the next sign-in enrolls a new one. */
  async resetTotp(adminId: string, id: string, reason: string, client: ClientInfo) {
    return inTransaction(this.db, async (tx) => {
      await this.lock(tx, id);
      const [[row]] = (await tx.manager.query(
        `UPDATE staff_users SET totp_secret = NULL, totp_last_step = NULL, totp_enrolled_at = NULL, updated_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, this.clock.now()],
      )) as [StaffRow[], number];
      await this.endSessions(tx, id);
      await this.audit.record(tx, { actor: { type: 'staff', id: adminId }, action: 'staff.totp_reset', target: { type: 'staff_user', id }, reason, ...client });
      return view(row);
    });
  }

  private async lock(tx: Tx, id: string): Promise<StaffRow> {
    const [row] = UUID.test(id) ? ((await tx.manager.query(`SELECT ${COLUMNS} FROM staff_users WHERE id = $1 FOR UPDATE`, [id])) as StaffRow[]) : [];
    if (!row) throw notFound();
    return row;
  }

  private async endSessions(tx: Tx, id: string): Promise<void> {
    await tx.manager.query(`UPDATE staff_sessions SET revoked_at = $2 WHERE staff_user_id = $1 AND revoked_at IS NULL`, [id, this.clock.now()]);
  }
}
