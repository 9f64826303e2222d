import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { Tx } from '../database/transaction';
import { auditRowHash, type AuditChainRow } from './audit-chain';
import { AuditEventError, normaliseAuditEvent, type AuditEventInput } from './audit-event';

export interface RecordedAuditEvent {
  id: number;
  hash: string;
}

/**
 * The one writer of the audit log (docs/audit.md). Every feature records its state changes here, in
 * the transaction of the change: the event commits with the change or not at all.
 *
 *     await inTransaction(db, async (tx) => {
 *       … the change …
 *       await audit.record(tx, { actor: { type: 'customer', id: account.id }, action: 'registration.completed',
 *         target: { type: 'login_account', id: account.id }, ...client, after: { email: account.email } });
 *     });
 */
@Injectable()
export class AuditService {
  constructor(private readonly clock: Clock) {}

  /**
   * Appends one event to the chain. Writers queue on the chain head's row lock until the recording
   * transaction ends, so keep the work after `record` short (call it last when you can).
   * Throws AuditEventError for a malformed event, before touching the database.
   */
  async record(tx: Tx | EntityManager, event: AuditEventInput): Promise<RecordedAuditEvent> {
    const manager = 'afterCommit' in tx ? tx.manager : tx;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new AuditEventError('AuditService.record runs inside the transaction of the change it records (use inTransaction)');
    }
    const fields = normaliseAuditEvent(event);
    const occurredAt = this.clock.now().toISOString();

    // The lock orders concurrent writers; in READ COMMITTED it returns the newest head once granted. (Under
    // REPEATABLE READ a head moved since the snapshot fails with a serialization error: retry, never a fork.)
    // The address is printed by Postgres here so the hash covers exactly what the inet column gives back.
    const [head] = (await manager.query(`SELECT last_id::text AS last_id, last_hash, $1::inet::text AS ip FROM audit_chain_head FOR UPDATE`, [
      fields.ip,
    ])) as Array<{ last_id: string; last_hash: string | null; ip: string | null }>;
    if (!head) throw new Error('the audit chain head is missing (audit_chain_head has no row)');

    const row: AuditChainRow = { id: Number(head.last_id) + 1, occurredAt, ...fields, ip: head.ip, prevHash: head.last_hash };
    const hash = auditRowHash(row);
    await manager.query(
      `INSERT INTO audit_events (id, occurred_at, actor_type, actor_id, action, target_type, target_id, ip, user_agent, reason,
                                 request_id, before, after, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15)`,
      [
        row.id,
        row.occurredAt,
        row.actorType,
        row.actorId,
        row.action,
        row.targetType,
        row.targetId,
        row.ip,
        row.userAgent,
        row.reason,
        row.requestId,
        row.before === null ? null : JSON.stringify(row.before),
        row.after === null ? null : JSON.stringify(row.after),
        row.prevHash,
        hash,
      ],
    );
    return { id: row.id, hash };
  }
}
