import { z } from 'zod';
import { AUDIT_ACTOR_TYPES } from '../audit-event';

/** The console's audit filters, shared by the list and the CSV export. */
export const auditFilter = z
  .object({
    actorType: z.enum(AUDIT_ACTOR_TYPES, { message: `must be one of ${AUDIT_ACTOR_TYPES.join(', ')}` }).optional(),
    actorId: z.string().trim().min(1).max(100, 'is too long').optional(),
    /** An action (`support.mfa_reset`) or a family ending with a dot (`support.`). */
    action: z.string().trim().regex(/^[a-z][a-z0-9_.]*$/, 'must be an action like support.mfa_reset, or a prefix like support.').max(100).optional(),
    targetType: z.string().trim().regex(/^[a-z][a-z0-9_]*$/, 'must be a target type like login_account').optional(),
    targetId: z.string().trim().min(1).max(100, 'is too long').optional(),
    from: z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-11-01T00:00:00+09:00' }).optional(),
    to: z.iso.datetime({ offset: true, message: 'must be a date and time like 2026-11-30T23:59:59+09:00' }).optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to), { message: 'must not be before from', path: ['to'] });

export type AuditFilter = z.infer<typeof auditFilter>;

/** The WHERE clause and its parameters (numbered from `first`) for a filter. */
export function auditWhere(filter: AuditFilter, first = 1): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  const p = (value: unknown) => `$${params.push(value) + first - 1}`;
  if (filter.actorType) where.push(`actor_type = ${p(filter.actorType)}`);
  // Every type, spelled out, lets an id alone use the (actor_type, actor_id, id) index.
  else if (filter.actorId) where.push(`actor_type = ANY(${p([...AUDIT_ACTOR_TYPES])}::text[])`);
  if (filter.actorId) where.push(`actor_id = ${p(filter.actorId)}`);
  if (filter.action) {
    if (filter.action.endsWith('.')) where.push(`action LIKE ${p(`${filter.action.replace(/_/g, '\\_')}%`)}`);
    else where.push(`action = ${p(filter.action)}`);
  }
  if (filter.targetType) where.push(`target_type = ${p(filter.targetType)}`);
  if (filter.targetId) where.push(`target_id = ${p(filter.targetId)}`);
  if (filter.from) where.push(`occurred_at >= ${p(new Date(filter.from))}`);
  if (filter.to) where.push(`occurred_at <= ${p(new Date(filter.to))}`);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export const isUnfiltered = (filter: AuditFilter) => Object.values(filter).every((v) => v === undefined);
