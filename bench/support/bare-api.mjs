// Child process of api-http.bench.mjs: the limit the API is measured against. One bare Fastify route per
// case running the same SQL (and Redis counter) as the API's services, copied from them, through a pg Pool
// of the app's size; no Nest, guards, pipes, filters, helmet, metrics or request logging. Usage:
//   DATABASE_URL=… REDIS_URL=… REDIS_PREFIX=… TOTP_KEY=<id>:<base64> POOL_SIZE=10 PORT=… node bare-api.mjs
// Prints "bare api up" once listening.
import { Buffer } from 'node:buffer';
import { createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import pg from 'pg';
import { distModule } from './dist.mjs';

const { auditRowHash } = await distModule('audit/audit-chain.js');
const { normaliseAuditEvent } = await distModule('audit/audit-event.js');
const { SERVICE_TYPES } = await distModule('contracts/service-type.js');

const env = process.env;
const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: Number(env.POOL_SIZE ?? 10) });
const redis = new Redis(env.REDIS_URL, { keyPrefix: `${env.REDIS_PREFIX}:`, maxRetriesPerRequest: 2 });
const [keyId, keyB64] = env.TOTP_KEY.split(':');
const totpKey = Buffer.from(keyB64, 'base64');
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const OPEN = new Set(['received', 'validating', 'needs_review', 'approved', 'processing']);

function cookie(request, name) {
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(request.headers.cookie ?? '');
  return match?.[1];
}

/** The rate limiter's fixed window (INCR + TTL in one MULTI). */
async function hit(bucket, key, windowSeconds) {
  const name = `rl:${bucket}:${key}`;
  const [[, count], [, ttl]] = await redis.multi().incr(name).ttl(name).exec();
  if (ttl < 0) await redis.expire(name, windowSeconds);
  return count;
}

/** AuditService.record: lock the chain head, hash, insert. */
async function audit(client, event) {
  const fields = normaliseAuditEvent(event);
  const occurredAt = new Date().toISOString();
  const {
    rows: [head],
  } = await client.query(`SELECT last_id::text AS last_id, last_hash, $1::inet::text AS ip FROM audit_chain_head FOR UPDATE`, [fields.ip]);
  const row = { id: Number(head.last_id) + 1, occurredAt, ...fields, ip: head.ip, prevHash: head.last_hash };
  await client.query(
    `INSERT INTO audit_events (id, occurred_at, actor_type, actor_id, action, target_type, target_id, ip, user_agent, reason,
                               request_id, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15)`,
    [row.id, row.occurredAt, row.actorType, row.actorId, row.action, row.targetType, row.targetId, row.ip, row.userAgent, row.reason, row.requestId,
      row.before === null ? null : JSON.stringify(row.before), row.after === null ? null : JSON.stringify(row.after), row.prevHash, auditRowHash(row)],
  );
}

function openSecret(stored, factorId, accountId) {
  const [, id, iv, tag, ciphertext] = stored.split(':');
  if (id !== keyId) throw new Error('unknown key');
  const decipher = createDecipheriv('aes-256-gcm', totpKey, Buffer.from(iv, 'base64'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(`v1:${id}\nmfa_factors.secret_encrypted:${factorId}:${accountId}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]);
}

/** RFC 6238, SHA-1, 6 digits, 30 s, ±1 step, steps after `afterStep` only: the matched step or null. */
function totpStepOf(secret, code, now, afterStep) {
  const current = Math.floor(now.getTime() / 30_000);
  for (const step of [current - 1, current, current + 1]) {
    if (afterStep !== null && step <= afterStep) continue;
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(step));
    const mac = createHmac('sha1', secret).update(counter).digest();
    const offset = mac[19] & 15;
    const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
    if (String(value).padStart(6, '0') === code) return step;
  }
  return null;
}

async function inTransaction(work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

const app = Fastify({ logger: false });

// LoginFlowService.challengeTotp → MfaService.verifyTotp → signIn (session, two audit events).
app.post('/totp', async (request, reply) => {
  const { flowToken, code } = request.body;
  const client = { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: String(request.id) };
  await hit('mfa-code-ip', client.ip, 60);
  const now = new Date();
  const outcome = await inTransaction(async (db) => {
    const {
      rows: [flow],
    } = await db.query(
      `SELECT f.id, f.login_account_id, a.email, f.state, f.remember_device
         FROM login_flows f JOIN login_accounts a ON a.id = f.login_account_id
        WHERE f.token_hash = $1 AND f.expires_at > $2 AND f.state <> 'signed_in' AND a.state = 'active'
        FOR UPDATE OF f`,
      [sha256(flowToken), now],
    );
    if (!flow || flow.state !== 'mfa_challenge') return { status: 410 };
    const account = flow.login_account_id;
    const { rows: factors } = await db.query(
      `SELECT id, secret_encrypted, last_accepted_step, consecutive_failures, created_at
         FROM mfa_factors WHERE login_account_id = $1 AND type = 'totp' AND state = 'active'
        ORDER BY created_at, id FOR UPDATE`,
      [account],
    );
    const actor = { type: 'customer', id: account };
    const target = { type: 'login_account', id: account };
    for (const factor of factors) {
      const step = totpStepOf(openSecret(factor.secret_encrypted, factor.id, account), code, now, factor.last_accepted_step === null ? null : Number(factor.last_accepted_step));
      if (step === null) continue;
      await db.query(`UPDATE mfa_factors SET last_accepted_step = $2, consecutive_failures = 0, last_used_at = $3 WHERE id = $1`, [factor.id, step, now]);
      await audit(db, { actor, action: 'mfa.challenge_succeeded', target, ...client, after: { method: 'totp', factorId: factor.id } });
      await db.query(`UPDATE login_flows SET state = $2, completed_at = CASE WHEN $2 = 'signed_in' THEN $3::timestamptz END WHERE id = $1`, [flow.id, 'signed_in', now]);
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      await db.query(
        `INSERT INTO customer_sessions (token_hash, csrf_token, login_account_id, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
        [sha256(token), csrfToken, account, now, new Date(now.getTime() + 12 * 3_600_000), client.ip, client.userAgent],
      );
      await audit(db, { actor, action: 'login.signed_in', target, ...client, after: { via: 'totp' } });
      return { status: 200, token, csrfToken };
    }
    return { status: 401 };
  });
  if (outcome.status !== 200) return reply.code(outcome.status).send({ code: 'refused' });
  reply.header('set-cookie', `ikou_session=${outcome.token}; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax`);
  return { state: 'signed_in', csrfToken: outcome.csrfToken };
});

// CustomerSessionGuard (CustomerSessionService.resolve) → CustomerContractsService.list with the defaults.
app.get('/contracts', async (request, reply) => {
  const token = cookie(request, 'ikou_session');
  const now = new Date();
  const {
    rows: [session],
  } = await pool.query(
    `UPDATE customer_sessions s SET last_seen_at = $2
       FROM login_accounts a
      WHERE s.token_hash = $1 AND a.id = s.login_account_id AND a.state = 'active'
        AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3
      RETURNING s.id, s.login_account_id, s.csrf_token, a.email`,
    [sha256(token ?? ''), now, new Date(now.getTime() - 30 * 60_000)],
  );
  if (!session) return reply.code(401).send({ code: 'not_signed_in' });
  const params = [session.login_account_id];
  const [{ rows }, { rows: [{ total }] }] = await Promise.all([
    pool.query(`SELECT network_id, service_type, status, linked_at, linked_via FROM contracts WHERE login_account_id = $1 ORDER BY network_id LIMIT $2 OFFSET $3`, [...params, 50, 0]),
    pool.query(`SELECT count(*)::int AS total FROM contracts WHERE login_account_id = $1`, params),
  ]);
  return {
    total,
    items: rows.map((r) => ({
      networkId: r.network_id,
      serviceType: r.service_type,
      serviceName: { ja: SERVICE_TYPES[r.service_type].ja, en: SERVICE_TYPES[r.service_type].en },
      status: r.status,
      linkedAt: r.linked_at.toISOString(),
      linkedVia: r.linked_via,
    })),
  };
});

/** StaffSessionGuard: StaffSessionService.resolve (sliding the idle timer), then the route's roles. */
async function staffSession(request) {
  const now = new Date();
  const {
    rows: [staff],
  } = await pool.query(
    `UPDATE staff_sessions s SET last_seen_at = $2
       FROM staff_users u
      WHERE s.token_hash = $1 AND u.id = s.staff_user_id AND u.active
        AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3
      RETURNING s.id, s.staff_user_id, s.csrf_token, u.email, u.display_name, u.role`,
    [sha256(cookie(request, 'ikou_staff') ?? ''), now, new Date(now.getTime() - 30 * 60_000)],
  );
  return staff && ['agent', 'supervisor'].includes(staff.role) ? staff : undefined;
}

/** TicketConsoleQueryService.itemCounts. */
async function itemCounts(id) {
  const { rows } = await pool.query(
    `SELECT class, count(*)::int AS items,
            count(*) FILTER (WHERE excluded_reason IS NULL)::int AS planned,
            count(*) FILTER (WHERE excluded_reason IS NULL AND result IS NOT NULL)::int AS done,
            count(*) FILTER (WHERE excluded_reason IS NULL AND result = 'linked')::int AS linked,
            count(*) FILTER (WHERE excluded_reason IS NULL AND result = 'already_linked')::int AS already_linked,
            count(*) FILTER (WHERE excluded_reason IS NULL AND result = 'conflict')::int AS conflicts
       FROM bulk_transfer_items WHERE ticket_id = $1 GROUP BY class`,
    [id],
  );
  const toLink = rows.find((r) => r.class === 'to_link');
  return {
    classes: Object.fromEntries(rows.map((r) => [r.class, r.items])),
    progress: { planned: toLink?.planned ?? 0, done: toLink?.done ?? 0, linked: toLink?.linked ?? 0, alreadyLinked: toLink?.already_linked ?? 0, conflicts: toLink?.conflicts ?? 0 },
  };
}

// The console's ticket page asks for the ticket (TicketConsoleQueryService.one)…
app.get('/tickets/:id', async (request, reply) => {
  if (!(await staffSession(request))) return reply.code(401).send({ code: 'staff_not_signed_in' });
  const id = request.params.id;
  const now = new Date();
  const [{ rows: [t] }, counts, { rows: history }, { rows: notes }] = await Promise.all([
    pool.query(
      `SELECT t.*, s.display_name AS assignee_name, b.code AS billing_code, b.customer_name, b.consolidated, b.top_cruise_linked,
              p.display_name AS prepared_by_name, a.display_name AS approved_by_name
         FROM bulk_transfer_tickets t
         LEFT JOIN staff_users s ON s.id = t.assignee_id LEFT JOIN staff_users p ON p.id = t.prepared_by LEFT JOIN staff_users a ON a.id = t.approved_by
         LEFT JOIN billing_accounts b ON b.id = t.billing_account_id
        WHERE t.id = $1`,
      [id],
    ),
    itemCounts(id),
    pool.query(
      `SELECT h.from_state, h.to_state, h.actor_type, h.actor_id, s.display_name, h.reason, h.at FROM bulk_transfer_ticket_history h LEFT JOIN staff_users s ON s.id = h.actor_id WHERE h.ticket_id = $1 ORDER BY h.id`,
      [id],
    ),
    pool.query(`SELECT n.id, n.body, n.created_at, s.display_name FROM bulk_transfer_ticket_notes n JOIN staff_users s ON s.id = n.staff_user_id WHERE n.ticket_id = $1 ORDER BY n.id`, [id]),
  ]);
  if (!t) return reply.code(404).send({ code: 'ticket_not_found' });
  const open = OPEN.has(t.state);
  return {
    id: t.id, number: t.number, state: t.state, open, email: t.email, networkId: t.network_id, remark: t.remark, channel: t.channel,
    topCruiseFlag: t.top_cruise_flag, autoRejectReason: t.auto_reject_reason, receivedAt: t.received_at.toISOString(), dueAt: t.due_at.toISOString(),
    ageDays: Math.floor((now.getTime() - t.received_at.getTime()) / 86_400_000), breached: open && t.due_at < now, assigneeId: t.assignee_id,
    assigneeName: t.assignee_name, submitted: t.submitted_at !== null, preparedBy: t.prepared_by, approvedBy: t.approved_by, toLink: counts.progress.planned,
    billingAccount: t.billing_code ? { code: t.billing_code, customerName: t.customer_name, consolidated: t.consolidated, topCruiseLinked: t.top_cruise_linked } : null,
    preparedByName: t.prepared_by_name, approvedByName: t.approved_by_name, customerReason: t.customer_reason,
    progress: counts.progress,
    classes: counts.classes,
    history: history.map((h) => ({ from: h.from_state, to: h.to_state, actor: { type: h.actor_type, id: h.actor_id, name: h.display_name }, reason: h.reason, at: h.at.toISOString() })),
    notes: notes.map((n) => ({ id: Number(n.id), body: n.body, by: n.display_name, at: n.created_at.toISOString() })),
  };
});

// …and, at the same time, the first page of its items to link (TicketConsoleQueryService.items).
app.get('/tickets/:id/items', async (request, reply) => {
  if (!(await staffSession(request))) return reply.code(401).send({ code: 'staff_not_signed_in' });
  const { id } = request.params;
  const start = Number(request.query._start ?? 0);
  const end = Number(request.query._end ?? 50);
  const params = [id, request.query.class ?? 'to_link'];
  const filter = 'i.ticket_id = $1 AND i.class = $2';
  const [{ rows }, { rows: [{ total, found }] }] = await Promise.all([
    pool.query(
      `SELECT i.id, i.network_id, i.service_type, i.class, i.excluded_reason, i.result, i.result_at FROM bulk_transfer_items i
        WHERE ${filter} ORDER BY i.network_id ASC, i.id ASC LIMIT $3 OFFSET $4`,
      [...params, end - start, start],
    ),
    pool.query(`SELECT (SELECT count(*)::int FROM bulk_transfer_items i WHERE ${filter}) AS total, EXISTS (SELECT 1 FROM bulk_transfer_tickets WHERE id = $1) AS found`, params),
  ]);
  if (!found) return reply.code(404).send({ code: 'ticket_not_found' });
  reply.header('X-Total-Count', String(total));
  return rows.map((i) => ({
    id: Number(i.id), networkId: i.network_id, serviceType: i.service_type, serviceName: { ja: SERVICE_TYPES[i.service_type].ja, en: SERVICE_TYPES[i.service_type].en },
    class: i.class, excludedReason: i.excluded_reason, result: i.result, resultAt: i.result_at?.toISOString() ?? null,
  }));
});

await app.listen({ port: Number(env.PORT), host: '127.0.0.1' });
process.stdout.write('bare api up\n');
process.once('SIGTERM', async () => {
  await app.close();
  await pool.end();
  redis.disconnect();
  process.exit(0);
});
