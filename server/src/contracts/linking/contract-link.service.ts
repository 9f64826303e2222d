import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service';
import type { AuditEventInput } from '../../audit/audit-event';
import type { Tx } from '../../database/transaction';
import type { ContractStatus, LinkedVia } from '../contract.entity';
import { CUTOVER_FIRST_DAY, SERVICE_TYPES, type ServiceType } from '../service-type';

export interface LinkRequest {
  contractIds: string[];
  loginAccountId: string;
  via: LinkedVia;
  now: Date;
  actor: AuditEventInput['actor'];
  /** Why (a desk agent's reason), kept on every audit event of this link. */
  reason?: string | null;
  /**
   * A customer who proved the legacy password may take a link held by an account that never set its
   * password (a mistyped address). The desk never moves a link: it is refused like any other.
   */
  takePendingLinks?: boolean;
  context: { ip?: string | null; userAgent?: string | null; requestId?: string | null };
}

export interface LinkedContract {
  id: string;
  networkId: string;
  serviceType: ServiceType;
}

export type LinkRefusal = LinkedContract & {
  reason: 'linked_here' | 'linked_elsewhere' | 'excluded_service' | 'cancelled' | 'post_cutover';
};

interface LockedRow {
  id: string;
  network_id: string;
  service_type: ServiceType;
  status: ContractStatus;
  contracted_at: string;
  login_account_id: string | null;
  owner_pending: boolean;
}

/**
 * The one place a customer's proof of a legacy password turns into a link. The contracts are row-locked
 * (in id order, so two callers never deadlock) and re-checked under the lock: a contract another session
 * linked a moment ago is refused, never overwritten. All or nothing: with any refusal nothing is linked.
 * A link held by an account that never set its password (a mistyped address) moves here, and that
 * account is retired, as in registration.
 */
@Injectable()
export class ContractLinkService {
  constructor(private readonly audit: AuditService) {}

  async linkProven(tx: Tx, request: LinkRequest): Promise<{ linked: LinkedContract[]; refused: LinkRefusal[] }> {
    const rows = (await tx.manager.query(
      `SELECT c.id, c.network_id, c.service_type, c.status, c.contracted_at::text AS contracted_at, c.login_account_id,
              coalesce(a.state = 'pending_password', false) AS owner_pending
         FROM contracts c LEFT JOIN login_accounts a ON a.id = c.login_account_id
        WHERE c.id = ANY($1::uuid[])
        ORDER BY c.id
          FOR UPDATE OF c`,
      [request.contractIds],
    )) as LockedRow[];
    const refused = rows.flatMap((row): LinkRefusal[] => {
      const reason = refusalOf(row, request.loginAccountId, request.takePendingLinks ?? true);
      return reason ? [{ id: row.id, networkId: row.network_id, serviceType: row.service_type, reason }] : [];
    });
    if (refused.length > 0 || rows.length === 0) return { linked: [], refused };

    await tx.manager.query(
      `UPDATE contracts SET login_account_id = $2, linked_at = $3, linked_via = $4, updated_at = $3 WHERE id = ANY($1::uuid[])`,
      [rows.map((r) => r.id), request.loginAccountId, request.now, request.via],
    );
    const previousOwners = new Set<string>();
    for (const row of rows) {
      if (row.login_account_id) {
        previousOwners.add(row.login_account_id);
        await this.audit.record(tx, {
          actor: request.actor,
          action: 'contract.unlinked_from_pending_account',
          target: { type: 'contract', id: row.id },
          before: { loginAccountId: row.login_account_id },
          reason: request.reason ?? null,
          ...request.context,
        });
      }
      await this.audit.record(tx, {
        actor: request.actor,
        action: 'contract.linked',
        target: { type: 'contract', id: row.id },
        after: { networkId: row.network_id, loginAccountId: request.loginAccountId, linkedVia: request.via },
        reason: request.reason ?? null,
        ...request.context,
      });
    }
    for (const owner of previousOwners) await this.retirePendingAccount(tx, owner, request.now);
    return { linked: rows.map((r) => ({ id: r.id, networkId: r.network_id, serviceType: r.service_type })), refused: [] };
  }

  /** The account at the mistyped address: its password links stop working; left empty, it is disabled. */
  private async retirePendingAccount(tx: Tx, accountId: string, now: Date): Promise<void> {
    await tx.manager.query(`UPDATE password_set_tokens SET revoked_at = $2 WHERE login_account_id = $1 AND used_at IS NULL AND revoked_at IS NULL`, [
      accountId,
      now,
    ]);
    await tx.manager.query(
      `UPDATE login_accounts SET state = 'disabled', updated_at = $2
        WHERE id = $1 AND state = 'pending_password' AND NOT EXISTS (SELECT 1 FROM contracts WHERE login_account_id = $1)`,
      [accountId, now],
    );
  }
}

function refusalOf(row: LockedRow, accountId: string, takePendingLinks: boolean): LinkRefusal['reason'] | null {
  if (row.login_account_id === accountId) return 'linked_here';
  if (row.login_account_id && !(takePendingLinks && row.owner_pending)) return 'linked_elsewhere';
  if (SERVICE_TYPES[row.service_type].category !== 'infosphere') return 'excluded_service';
  if (row.status === 'cancelled') return 'cancelled';
  if (row.contracted_at >= CUTOVER_FIRST_DAY) return 'post_cutover';
  return null;
}
