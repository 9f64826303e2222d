import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CustomerSession } from '../../accounts/session/customer-session.service';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../common/app-error';
import type { ClientInfo } from '../../common/client-info';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../database/transaction';
import { OutboxService } from '../../messaging/outbox.service';
import { RUNTIME, type Runtime } from '../../runtime/runtime';
import { LegacyCredentialService, serviceName } from '../legacy-login/legacy-credential.service';
import { ContractLinkService, type LinkRefusal } from '../linking/contract-link.service';
import { SERVICE_TYPES, type ServiceType } from '../service-type';

/** How long a proven network ID waits for "Register" (as long as a registration flow). */
export const ATTACH_MINUTES = 30;
/** One visit's list; beyond it the customer registers what is there first. */
export const ATTACH_MAX_ITEMS = 50;

const REFUSALS: Record<LinkRefusal['reason'], { code: string; status: HttpStatus; message: string }> = {
  linked_here: { code: 'already_linked_here', status: HttpStatus.CONFLICT, message: 'This network ID is already linked to your login account' },
  linked_elsewhere: { code: 'already_linked', status: HttpStatus.CONFLICT, message: 'This network ID is already linked to another login account' },
  excluded_service: { code: 'excluded_service', status: HttpStatus.UNPROCESSABLE_ENTITY, message: 'This service is out of scope of this migration' },
  cancelled: { code: 'cancelled_contract', status: HttpStatus.UNPROCESSABLE_ENTITY, message: 'This contract is cancelled' },
  post_cutover: { code: 'post_cutover_contract', status: HttpStatus.UNPROCESSABLE_ENTITY, message: 'This contract started after the cutover' },
};

const refusalError = (reason: LinkRefusal['reason'], details?: Record<string, unknown>) => {
  const r = REFUSALS[reason];
  return new AppError(r.code, r.status, r.message, details);
};

/**
 * Attaching more contracts to a signed-in customer's account (domain.md §4.3), several per visit: each
 * network ID is proven with its own legacy password (the registration's check and lock, one shared
 * counter) and waits in a server-side list; "Register" links the listed ones together and one mail
 * names them all.
 */
@Injectable()
export class ContractAttachService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly legacy: LegacyCredentialService,
    private readonly links: ContractLinkService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async list(loginAccountId: string) {
    const rows = (await this.db.query(
      `SELECT c.network_id, c.service_type, i.verified_at, i.expires_at
         FROM contract_attach_items i JOIN contracts c ON c.id = i.contract_id
        WHERE i.login_account_id = $1 AND i.expires_at > $2
        ORDER BY i.verified_at, c.network_id`,
      [loginAccountId, this.clock.now()],
    )) as Array<{ network_id: string; service_type: ServiceType; verified_at: Date; expires_at: Date }>;
    return {
      items: rows.map((r) => ({
        networkId: r.network_id,
        serviceType: r.service_type,
        serviceName: serviceName(r.service_type),
        verifiedAt: r.verified_at.toISOString(),
        expiresAt: r.expires_at.toISOString(),
      })),
      maxItems: ATTACH_MAX_ITEMS,
    };
  }

  async verify(session: CustomerSession, networkId: string, password: string, client: ClientInfo) {
    // A full list is refused before the password is hashed: no work for a request that cannot succeed.
    const waiting = await this.list(session.loginAccountId);
    if (waiting.items.length >= ATTACH_MAX_ITEMS && !waiting.items.some((i) => i.networkId === networkId)) {
      throw new AppError('attach_list_full', HttpStatus.CONFLICT, `At most ${ATTACH_MAX_ITEMS} network IDs wait at once: register them first`, {
        maxItems: ATTACH_MAX_ITEMS,
      });
    }
    const contract = await this.legacy.verify(networkId, password, client);
    if (contract.loginAccountId === session.loginAccountId) throw refusalError('linked_here');
    if (contract.loginAccountId && !contract.linkedAccountPending) throw refusalError('linked_elsewhere');
    this.legacy.assertEligible(contract);

    const now = this.clock.now();
    await inTransaction(this.db, async (tx) => {
      await tx.manager.query(
        `INSERT INTO contract_attach_items (login_account_id, contract_id, verified_at, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (login_account_id, contract_id) DO UPDATE SET verified_at = EXCLUDED.verified_at, expires_at = EXCLUDED.expires_at`,
        [session.loginAccountId, contract.id, now, new Date(now.getTime() + ATTACH_MINUTES * 60_000)],
      );
      await this.audit.record(tx, {
        actor: { type: 'customer', id: session.loginAccountId },
        action: 'contract.attach_verified',
        target: { type: 'contract', id: contract.id },
        after: { networkId: contract.networkId },
        ...client,
      });
    });
    return this.list(session.loginAccountId);
  }

  async remove(session: CustomerSession, networkId: string, client: ClientInfo) {
    await inTransaction(this.db, async (tx) => {
      const removed = (await tx.manager.query(
        `DELETE FROM contract_attach_items i USING contracts c
          WHERE i.contract_id = c.id AND i.login_account_id = $1 AND c.network_id = $2 AND i.expires_at > $3
          RETURNING c.id`,
        [session.loginAccountId, networkId, this.clock.now()],
      )) as [Array<{ id: string }>, number];
      if (removed[1] === 0) throw new AppError('not_queued', HttpStatus.NOT_FOUND, 'This network ID is not waiting to be registered', { networkIds: [networkId] });
      await this.audit.record(tx, {
        actor: { type: 'customer', id: session.loginAccountId },
        action: 'contract.attach_removed',
        target: { type: 'contract', id: removed[0][0].id },
        before: { networkId },
        ...client,
      });
    });
    return this.list(session.loginAccountId);
  }

  /** Links exactly the network IDs the confirmation screen showed, all or none. */
  async confirm(session: CustomerSession, networkIds: string[], client: ClientInfo) {
    const now = this.clock.now();
    const accountId = session.loginAccountId;
    const outcome = await inTransaction(this.db, async (tx) => {
      const queued = (await tx.manager.query(
        `SELECT i.contract_id, c.network_id FROM contract_attach_items i JOIN contracts c ON c.id = i.contract_id
          WHERE i.login_account_id = $1 AND i.expires_at > $2 AND c.network_id = ANY($3::text[])
          FOR UPDATE OF i`,
        [accountId, now, networkIds],
      )) as Array<{ contract_id: string; network_id: string }>;
      const missing = networkIds.filter((id) => !queued.some((q) => q.network_id === id));
      if (missing.length > 0) throw notQueued(missing);

      const actor = { type: 'customer' as const, id: accountId };
      const result = await this.links.linkProven(tx, {
        contractIds: queued.map((q) => q.contract_id),
        loginAccountId: accountId,
        via: 'self_service',
        now,
        actor,
        context: client,
      });
      // Refused entries (linked by another session meanwhile, cancelled since) leave the list, so
      // confirming the rest works; nothing is linked this time.
      const done = result.refused.length > 0 ? result.refused.map((r) => r.id) : result.linked.map((l) => l.id);
      await tx.manager.query(`DELETE FROM contract_attach_items WHERE login_account_id = $1 AND contract_id = ANY($2::uuid[])`, [accountId, done]);
      if (result.refused.length > 0) {
        for (const r of result.refused) {
          await this.audit.record(tx, {
            actor,
            action: 'contract.attach_refused',
            target: { type: 'contract', id: r.id },
            after: { networkId: r.networkId, reason: r.reason },
            ...client,
          });
        }
        return { kind: 'refused', refused: result.refused } as const;
      }
      const linked = result.linked
        .map((l) => ({ networkId: l.networkId, serviceType: l.serviceType, serviceName: serviceName(l.serviceType) }))
        .sort((a, b) => a.networkId.localeCompare(b.networkId));
      await this.outbox.queueMail(tx, {
        template: 'contracts-attached',
        to: session.email,
        loginAccountId: accountId,
        data: {
          email: session.email,
          contracts: linked.map((l) => ({ networkId: l.networkId, serviceName: SERVICE_TYPES[l.serviceType].ja })),
          contractsUrl: `${this.runtime.config.http.publicUrl}/contracts`,
        },
      });
      return { kind: 'linked', linked } as const;
    });
    if (outcome.kind === 'refused') {
      const [first] = outcome.refused;
      throw refusalError(first.reason, {
        networkIds: outcome.refused.map((r) => r.networkId),
        refusals: outcome.refused.map((r) => ({ networkId: r.networkId, reason: r.reason })),
      });
    }
    return { linked: outcome.linked, email: session.email };
  }
}

function notQueued(networkIds: string[]) {
  return new AppError('not_queued', HttpStatus.CONFLICT, 'These network IDs are not (or no longer) waiting to be registered: check them again', {
    networkIds,
  });
}
