import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { SERVICE_TYPES, type ServiceType } from '../contracts/service-type';
import { isOpenState, type TicketState } from '../bulk-transfer/ticket-states';
import { maskPhone } from '../mfa/mask-phone';
import { redactMessageBody } from '../messaging/redact-message';

/** How much history the customer page shows at once; older entries are in the audit log and outbox lists. */
const RECENT = 50;

const notFound = () => new AppError('customer_not_found', HttpStatus.NOT_FOUND, 'No such customer');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Everything the desk needs on one customer page (domain.md §6.2): contracts, factors (phones masked),
 * recovery code (whether one exists, never its value), remembered devices, legacy lockouts on the
 * network IDs of their billing accounts (the ones they may be trying to attach), messages sent (codes and link tokens redacted), tickets and the audit trail.
 */
@Injectable()
export class CustomerProfileService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async profile(id: string) {
    if (!UUID.test(id)) throw notFound();
    const [account] = (await this.db.query(
      `SELECT id, email, state, terms_version, privacy_policy_version, consented_at, created_at,
              (password_hash IS NOT NULL) AS password_set
         FROM login_accounts WHERE id = $1`,
      [id],
    )) as Array<{ id: string; email: string; state: string; terms_version: string | null; privacy_policy_version: string | null; consented_at: Date | null; created_at: Date; password_set: boolean }>;
    if (!account) throw notFound();
    const now = this.clock.now();
    const [contracts, factors, recovery, devices, lockouts, messages, tickets, sessions, audit] = await Promise.all([
      this.db.query(
        `SELECT c.id, c.network_id, c.service_type, c.status, c.contracted_at::text AS contracted_at, c.linked_at, c.linked_via,
                b.code AS billing_code, b.customer_name, b.consolidated, b.top_cruise_linked
           FROM contracts c JOIN billing_accounts b ON b.id = c.billing_account_id
          WHERE c.login_account_id = $1 ORDER BY c.network_id`,
        [id],
      ) as Promise<Array<{ id: string; network_id: string; service_type: ServiceType; status: string; contracted_at: string; linked_at: Date; linked_via: string; billing_code: string; customer_name: string; consolidated: boolean; top_cruise_linked: boolean }>>,
      this.db.query(
        `SELECT id, type, state, label, phone_e164, consecutive_failures, created_at, confirmed_at, last_used_at
           FROM mfa_factors WHERE login_account_id = $1 ORDER BY created_at`,
        [id],
      ) as Promise<Array<{ id: string; type: string; state: string; label: string | null; phone_e164: string | null; consecutive_failures: number; created_at: Date; confirmed_at: Date | null; last_used_at: Date | null }>>,
      this.db.query(`SELECT created_at FROM mfa_recovery_codes WHERE login_account_id = $1`, [id]) as Promise<Array<{ created_at: Date }>>,
      this.db.query(
        `SELECT id, label, created_at, expires_at, last_used_at FROM remembered_devices
          WHERE login_account_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY created_at`,
        [id, now],
      ) as Promise<Array<{ id: string; label: string; created_at: Date; expires_at: Date; last_used_at: Date | null }>>,
      this.db.query(
        `SELECT l.network_id, l.failures, l.consecutive_failures, l.locked_until, l.last_failure_at
           FROM legacy_login_attempts l JOIN contracts c ON c.network_id = l.network_id
          WHERE c.billing_account_id IN (SELECT billing_account_id FROM contracts WHERE login_account_id = $1)
          ORDER BY l.network_id`,
        [id],
      ) as Promise<Array<{ network_id: string; failures: number; consecutive_failures: number; locked_until: Date | null; last_failure_at: Date | null }>>,
      this.db.query(
        `SELECT id, channel, template, recipient, subject, body_text, state, attempts, last_error, created_at, sent_at
           FROM outgoing_messages WHERE login_account_id = $1 ORDER BY created_at DESC, id DESC LIMIT ${RECENT}`,
        [id],
      ) as Promise<Array<{ id: string; channel: string; template: string; recipient: string; subject: string | null; body_text: string; state: string; attempts: number; last_error: string | null; created_at: Date; sent_at: Date | null }>>,
      this.db.query(
        `SELECT id, number, state, channel, remark, network_id, received_at, due_at FROM bulk_transfer_tickets
          WHERE login_account_id = $1 ORDER BY received_at DESC`,
        [id],
      ) as Promise<Array<{ id: string; number: string; state: TicketState; channel: string; remark: string; network_id: string; received_at: Date; due_at: Date }>>,
      this.db.query(
        `SELECT count(*)::int AS n FROM customer_sessions WHERE login_account_id = $1 AND revoked_at IS NULL AND expires_at > $2`,
        [id, now],
      ) as Promise<Array<{ n: number }>>,
      this.db.query(
        `SELECT id, occurred_at, actor_type, actor_id, action, target_type, target_id, reason
           FROM audit_events
          WHERE (actor_type = 'customer' AND actor_id = $1)
             OR (target_type = 'login_account' AND target_id = $1)
             OR (target_type = 'contract' AND target_id IN (SELECT id::text FROM contracts WHERE login_account_id = $1::uuid))
          ORDER BY id DESC LIMIT ${RECENT}`,
        [id],
      ) as Promise<Array<{ id: string; occurred_at: Date; actor_type: string; actor_id: string | null; action: string; target_type: string | null; target_id: string | null; reason: string | null }>>,
    ]);
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      id: account.id,
      email: account.email,
      state: account.state,
      passwordSet: account.password_set,
      createdAt: iso(account.created_at),
      consent: account.consented_at
        ? { termsVersion: account.terms_version, privacyPolicyVersion: account.privacy_policy_version, consentedAt: iso(account.consented_at) }
        : null,
      activeSessions: sessions[0].n,
      contracts: contracts.map((c) => ({
        id: c.id,
        networkId: c.network_id,
        serviceType: c.service_type,
        serviceName: { ja: SERVICE_TYPES[c.service_type].ja, en: SERVICE_TYPES[c.service_type].en },
        status: c.status,
        contractedAt: c.contracted_at,
        linkedAt: iso(c.linked_at),
        linkedVia: c.linked_via,
        billingAccount: { code: c.billing_code, customerName: c.customer_name, consolidated: c.consolidated, topCruiseLinked: c.top_cruise_linked },
      })),
      factors: factors.map((f) => ({
        id: f.id,
        type: f.type,
        state: f.state,
        label: f.label,
        phone: f.phone_e164 ? maskPhone(f.phone_e164) : null,
        consecutiveFailures: f.consecutive_failures,
        createdAt: iso(f.created_at),
        enrolledAt: iso(f.confirmed_at),
        lastUsedAt: iso(f.last_used_at),
      })),
      recoveryCode: recovery[0] ? { createdAt: iso(recovery[0].created_at) } : null,
      rememberedDevices: devices.map((d) => ({ id: d.id, label: d.label, createdAt: iso(d.created_at), expiresAt: iso(d.expires_at), lastUsedAt: iso(d.last_used_at) })),
      lockouts: lockouts.map((l) => ({
        networkId: l.network_id,
        failures: l.failures,
        consecutiveFailures: l.consecutive_failures,
        lockedUntil: l.locked_until && l.locked_until > now ? iso(l.locked_until) : null,
        lastFailureAt: iso(l.last_failure_at),
      })),
      messages: messages.map((m) => ({
        id: m.id,
        channel: m.channel,
        template: m.template,
        recipient: m.recipient,
        subject: m.subject,
        body: redactMessageBody(m.template, m.body_text),
        state: m.state,
        attempts: m.attempts,
        lastError: m.last_error,
        createdAt: iso(m.created_at),
        sentAt: iso(m.sent_at),
      })),
      tickets: tickets.map((t) => ({
        id: t.id,
        number: t.number,
        state: t.state,
        open: isOpenState(t.state),
        channel: t.channel,
        remark: t.remark,
        networkId: t.network_id,
        receivedAt: iso(t.received_at),
        dueAt: iso(t.due_at),
      })),
      audit: audit.map((e) => ({
        id: Number(e.id),
        occurredAt: iso(e.occurred_at),
        actor: { type: e.actor_type, id: e.actor_id },
        action: e.action,
        target: e.target_type ? { type: e.target_type, id: e.target_id } : null,
        reason: e.reason,
      })),
    };
  }
}
