import { isIP } from 'node:net';
import type { JsonValue } from './audit-chain';

export const AUDIT_ACTOR_TYPES = ['customer', 'staff', 'system', 'anonymous'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

/**
 * One event, as a feature describes it. `ip`, `userAgent` and `requestId` have the names of
 * `ClientInfo` (common/client-info.ts), so a controller's `@Client() client` spreads straight in.
 *
 * Never pass secrets: no passwords, codes, tokens, TOTP seeds or recovery codes, not even hashed.
 * Keys that look like one are redacted from `before`/`after` anyway (see SECRET_KEY), as a last guard.
 */
export interface AuditEventInput {
  /** Who acted. `customer` and `staff` need an id (login account / staff user id); `anonymous` has none. */
  actor: { type: AuditActorType; id?: string | null };
  /** Dotted lower-case words, feature first: `registration.completed`, `mfa.reset_by_staff`. */
  action: string;
  /** What was acted on: `{ type: 'login_account', id }`, `{ type: 'contract', id: networkId }`. */
  target?: { type: string; id?: string | null } | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Why, when a person gave a reason (a desk agent's note); at most 1000 characters. */
  reason?: string | null;
  requestId?: string | null;
  /** The state before and after, as JSON (only what changed is enough). At most 32 KiB each. */
  before?: unknown;
  after?: unknown;
}

/** A caller's mistake (bad action name, missing actor id, …), never a client's: it surfaces as a 500. */
export class AuditEventError extends Error {
  override name = 'AuditEventError';
}

export const AUDIT_LIMITS = {
  action: 100,
  targetType: 50,
  id: 200,
  reason: 1000,
  requestId: 200,
  /** Longer user agents are cut, not refused: the client chooses them. */
  userAgent: 512,
  /** Bytes of JSON for each of before / after. */
  details: 32 * 1024,
} as const;

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const TARGET_TYPE = /^[a-z][a-z0-9_]*$/;
const REDACTED = '[redacted]';

/** Key names compared in lower case without `_` and `-`: `recovery_code`, `recoveryCode` and `RecoveryCode` alike. */
const SECRET_KEYS = new Set(['code', 'otp', 'otpcode', 'pin', 'recoverycode', 'recoverycodes', 'verificationcode']);
const SECRET_KEY_PARTS = /password|passwd|secret|token/;

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[_-]/g, '');
  return SECRET_KEYS.has(k) || SECRET_KEY_PARTS.test(k);
}

/** The columns of an event other than id, time and chain, ready to store and to hash. */
export interface AuditEventFields {
  actorType: AuditActorType;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** Checked here; Postgres prints it in its own form (see AuditService). */
  ip: string | null;
  userAgent: string | null;
  reason: string | null;
  requestId: string | null;
  before: JsonValue | null;
  after: JsonValue | null;
}

/** Validates and normalises an event; throws AuditEventError naming the bad field. */
export function normaliseAuditEvent(event: AuditEventInput): AuditEventFields {
  if (!event || typeof event !== 'object') throw new AuditEventError('audit event: expected an object');
  const actor = event.actor;
  if (!actor || !(AUDIT_ACTOR_TYPES as readonly string[]).includes(actor.type)) {
    throw new AuditEventError(`audit event: actor.type must be one of ${AUDIT_ACTOR_TYPES.join(', ')}`);
  }
  const actorId = identifier('actor.id', actor.id);
  if ((actor.type === 'customer' || actor.type === 'staff') && actorId === null) {
    throw new AuditEventError(`audit event: actor.id is required for a ${actor.type} actor`);
  }
  if (actor.type === 'anonymous' && actorId !== null) throw new AuditEventError('audit event: an anonymous actor has no actor.id');

  if (typeof event.action !== 'string' || event.action.length > AUDIT_LIMITS.action || !ACTION.test(event.action)) {
    throw new AuditEventError(
      `audit event: action must be dotted lower-case words like "registration.completed", at most ${AUDIT_LIMITS.action} characters (got ${JSON.stringify(String(event.action).slice(0, 120))})`,
    );
  }

  let targetType: string | null = null;
  let targetId: string | null = null;
  if (event.target != null) {
    const type = event.target.type;
    if (typeof type !== 'string' || type.length > AUDIT_LIMITS.targetType || !TARGET_TYPE.test(type)) {
      throw new AuditEventError(`audit event: target.type must be a lower-case word like "login_account", at most ${AUDIT_LIMITS.targetType} characters`);
    }
    targetType = type;
    targetId = identifier('target.id', event.target.id);
  }

  let ip: string | null = null;
  if (event.ip != null) {
    // Postgres's inet has no IPv6 zone ("fe80::1%eth0"); the zone says nothing about who called.
    const address = typeof event.ip === 'string' ? event.ip.replace(/%.*$/, '') : '';
    if (!isIP(address)) throw new AuditEventError(`audit event: ip must be an IPv4 or IPv6 address (got ${JSON.stringify(String(event.ip).slice(0, 80))})`);
    ip = address;
  }

  const userAgent = event.userAgent == null ? null : text('userAgent', event.userAgent);
  const reason = event.reason == null ? null : text('reason', event.reason);
  if (reason !== null && reason.length > AUDIT_LIMITS.reason) {
    throw new AuditEventError(`audit event: reason is longer than ${AUDIT_LIMITS.reason} characters (validate it where it is entered)`);
  }
  const requestId = identifier('requestId', event.requestId);

  return {
    actorType: actor.type,
    actorId,
    action: event.action,
    targetType,
    targetId,
    ip,
    userAgent: userAgent === null ? null : cut(userAgent, AUDIT_LIMITS.userAgent),
    reason,
    requestId,
    before: details('before', event.before),
    after: details('after', event.after),
  };
}

/** An id: a non-empty string (or a number, stored as its decimal text) of at most 200 characters. */
function identifier(field: string, value: unknown): string | null {
  if (value == null) return null;
  const s = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof s !== 'string' || s === '' || s.length > AUDIT_LIMITS.id || hasControlCharacter(s)) {
    throw new AuditEventError(`audit event: ${field} must be a non-empty string of at most ${AUDIT_LIMITS.id} characters without control characters`);
  }
  return s;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function text(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new AuditEventError(`audit event: ${field} must be a string`);
  return storable(value);
}

/**
 * Text exactly as Postgres will give it back, so the hash made now matches the row read later:
 * NUL (which text and jsonb refuse) and lone UTF-16 surrogates (which UTF-8 cannot hold) become U+FFFD.
 */
function storable(value: string): string {
  return value.replaceAll('\0', '\uFFFD').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  // Never split a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(value[max - 1]) ? max - 1 : max;
  return value.slice(0, end);
}

/** Plain JSON (as JSON.stringify sees the value: dates become strings, undefined keys go), secrets redacted. */
function details(field: string, value: unknown): JsonValue | null {
  if (value === undefined || value === null) return null;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new AuditEventError(`audit event: ${field} is not JSON-serialisable (${(error as Error).message})`, { cause: error });
  }
  if (json === undefined) throw new AuditEventError(`audit event: ${field} is not JSON-serialisable`);
  const clean = redact(JSON.parse(json) as JsonValue);
  if (Buffer.byteLength(JSON.stringify(clean), 'utf8') > AUDIT_LIMITS.details) {
    throw new AuditEventError(`audit event: ${field} is larger than ${AUDIT_LIMITS.details} bytes of JSON (record what changed, not whole records)`);
  }
  return clean;
}

function redact(value: JsonValue): JsonValue {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    // No prototype, so a "__proto__" key stays a plain key, as JSON.parse and jsonb keep it.
    const out: { [key: string]: JsonValue } = Object.create(null);
    for (const [key, inner] of Object.entries(value)) {
      out[storable(key)] = isSecretKey(key) && inner !== null ? REDACTED : redact(inner);
    }
    return out;
  }
  return value;
}
