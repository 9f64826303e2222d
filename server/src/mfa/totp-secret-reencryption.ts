import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { inTransaction } from '../database/transaction';
import { SecretBoxError, type SecretBox } from './secret-box';

/** Rows re-encrypted per transaction: each batch is audited and committed on its own, so a stop loses nothing. */
const BATCH = 500;

/** Every column that holds a TOTP seed sealed by the box, and the context each row was sealed with. */
const SEALED_COLUMNS = [
  {
    name: 'customer factors',
    select: `SELECT id::text AS id, secret_encrypted AS sealed, 'mfa_factors.secret_encrypted:' || lower(id::text) || ':' || lower(login_account_id::text) AS context
               FROM mfa_factors WHERE secret_encrypted IS NOT NULL AND split_part(secret_encrypted, ':', 2) <> $1 AND NOT (id::text = ANY($2::text[]))
              ORDER BY id LIMIT ${BATCH} FOR UPDATE`,
    update: `UPDATE mfa_factors f SET secret_encrypted = u.sealed FROM unnest($1::uuid[], $2::text[]) AS u (id, sealed) WHERE f.id = u.id`,
  },
  {
    name: 'staff authenticators',
    select: `SELECT id::text AS id, totp_secret AS sealed, 'staff-totp:' || id::text AS context
               FROM staff_users WHERE totp_secret IS NOT NULL AND split_part(totp_secret, ':', 2) <> $1 AND NOT (id::text = ANY($2::text[]))
              ORDER BY id LIMIT ${BATCH} FOR UPDATE`,
    update: `UPDATE staff_users s SET totp_secret = u.sealed FROM unnest($1::uuid[], $2::text[]) AS u (id, sealed) WHERE s.id = u.id`,
  },
  {
    name: 'staff enrollments in progress',
    select: `SELECT id::text AS id, pending_totp_secret AS sealed, 'staff-flow:' || id::text AS context
               FROM staff_login_flows WHERE pending_totp_secret IS NOT NULL AND split_part(pending_totp_secret, ':', 2) <> $1 AND NOT (id::text = ANY($2::text[]))
              ORDER BY id LIMIT ${BATCH} FOR UPDATE`,
    update: `UPDATE staff_login_flows s SET pending_totp_secret = u.sealed FROM unnest($1::uuid[], $2::text[]) AS u (id, sealed) WHERE s.id = u.id`,
  },
] as const;

export interface ReencryptionReport {
  keyId: string;
  /** Per column: rows re-encrypted with the current key, and rows no key of the ring opens (left as they are). */
  columns: Array<{ name: string; reencrypted: number; unreadable: string[] }>;
}

/**
 * After a TOTP key rotation (new TOTP_ENCRYPTION_KEY, the old one moved to TOTP_PREVIOUS_KEYS): seals
 * every seed made by an older key with the current one, so the old key can then be dropped. Idempotent;
 * safe beside a running app (rows are locked batch by batch). A row no key opens is reported, not
 * touched: it may be tampered with, or sealed by a key missing from the ring.
 */
export async function reencryptTotpSecrets(db: DataSource, box: SecretBox, audit = new AuditService(new Clock())): Promise<ReencryptionReport> {
  const report: ReencryptionReport = { keyId: box.currentKeyId, columns: [] };
  for (const column of SEALED_COLUMNS) {
    const result = { name: column.name, reencrypted: 0, unreadable: [] as string[] };
    for (;;) {
      const done = await inTransaction(db, async (tx) => {
        const rows = (await tx.manager.query(column.select, [box.currentKeyId, result.unreadable])) as Array<{ id: string; sealed: string; context: string }>;
        const ids: string[] = [];
        const sealed: string[] = [];
        for (const row of rows) {
          try {
            sealed.push(box.encrypt(box.decrypt(row.sealed, row.context), row.context));
            ids.push(row.id);
          } catch (error) {
            if (!(error instanceof SecretBoxError)) throw error;
            result.unreadable.push(row.id);
          }
        }
        if (ids.length > 0) {
          await tx.manager.query(column.update, [ids, sealed]);
          await audit.record(tx, {
            actor: { type: 'system' },
            action: 'secrets.reencrypted',
            after: { column: column.name, keyId: box.currentKeyId, rows: ids.length },
          });
        }
        result.reencrypted += ids.length;
        return rows.length === 0;
      });
      if (done) break;
    }
    report.columns.push(result);
  }
  return report;
}
