import { createHash } from 'node:crypto';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Names the canonical form below. It is the first element of every hashed text, so a future format
 * can never produce the same text as this one; changing the form means a new version (docs/audit.md).
 */
export const AUDIT_HASH_VERSION = 'ikou-audit-v1';

/** Exactly what a hash covers: every stored column of an audit event except the hash itself. */
export interface AuditChainRow {
  id: number;
  /** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString()` writes it. */
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** As Postgres prints the inet value (`ip::text`). */
  ip: string | null;
  userAgent: string | null;
  reason: string | null;
  requestId: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
  prevHash: string | null;
}

/** JSON with object keys sorted at every level, so jsonb's own key order never changes a hash. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} is not a JSON value`);
}

/** The hashed text: a JSON array in a fixed field order, so no two different rows give the same text. */
export function canonicalAuditRow(row: AuditChainRow): string {
  return canonicalJson([
    AUDIT_HASH_VERSION,
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
    row.before,
    row.after,
    row.prevHash,
  ]);
}

/** SHA-256 (hex) of the canonical row, which includes the previous row's hash: the chain. */
export function auditRowHash(row: AuditChainRow): string {
  return createHash('sha256').update(canonicalAuditRow(row), 'utf8').digest('hex');
}
