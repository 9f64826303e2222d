import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CURRENT_CONSENT } from '../accounts/consent-versions';
import { PasswordLinkService } from '../accounts/password/password-link.service';
import { AuditService } from '../audit/audit.service';
import { answerFloor } from '../common/answer-floor';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import { Clock } from '../common/clock';
import { hashSecretToken, newSecretToken } from '../common/secret-token';
import { LegacyCredentialService, serviceName } from '../contracts/legacy-login/legacy-credential.service';
import { ContractLinkService } from '../contracts/linking/contract-link.service';
import type { ServiceType } from '../contracts/service-type';
import { inTransaction, type Tx } from '../database/transaction';
import { OutboxService } from '../messaging/outbox.service';
import { RUNTIME, type Runtime } from '../runtime/runtime';

const FLOW_MINUTES = 30;
/**
 * "Complete" never answers sooner: a new email (create, link, issue a link, mail) takes about 5 ms more
 * than a taken one (mail its owner), and the time must not tell which (test/api/abuse-existence.e2e-spec.ts).
 * Far above the work's usual time; the customer does this once.
 */
export const COMPLETE_ANSWER_FLOOR_MS = 200;

const flowExpired = () => new AppError('flow_expired', HttpStatus.GONE, 'This registration has expired or is finished: start again');

/**
 * Registration (domain.md §4.1) as a server-side flow: `legacy_verified` (network ID + password proven)
 * → `done` (login account created and contract linked, or the owner of a taken email told by mail).
 * Step 2 only works with the token step 1 handed out, so it cannot be called first.
 */
@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly legacy: LegacyCredentialService,
    private readonly links: ContractLinkService,
    private readonly passwordLinks: PasswordLinkService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async verifyLegacy(networkId: string, password: string, client: ClientInfo) {
    const contract = await this.legacy.verify(networkId, password, client);
    this.legacy.assertEligible(contract);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + FLOW_MINUTES * 60_000);
    const { token, hash } = newSecretToken();
    await inTransaction(this.db, async (tx) => {
      await tx.manager.query(
        `INSERT INTO registration_flows (token_hash, contract_id, state, created_at, expires_at) VALUES ($1, $2, 'legacy_verified', $3, $4)`,
        [hash, contract.id, now, expiresAt],
      );
      await this.audit.record(tx, {
        actor: { type: 'anonymous' },
        action: 'registration.legacy_verified',
        target: { type: 'contract', id: contract.id },
        ip: client.ip,
        userAgent: client.userAgent,
        requestId: client.requestId,
      });
    });
    return {
      flowToken: token,
      networkId: contract.networkId,
      serviceType: contract.serviceType,
      serviceName: serviceName(contract.serviceType),
      expiresAt: expiresAt.toISOString(),
    };
  }

  async complete(flowToken: string, email: string, client: ClientInfo): Promise<{ email: string }> {
    const floor = answerFloor(COMPLETE_ANSWER_FLOOR_MS);
    try {
      await this.completeNow(flowToken, email, client);
    } finally {
      await floor();
    }
    return { email };
  }

  private async completeNow(flowToken: string, email: string, client: ClientInfo): Promise<void> {
    const now = this.clock.now();
    await inTransaction(this.db, async (tx) => {
      const [flow] = (await tx.manager.query(
        `SELECT f.id, c.id AS contract_id, c.network_id, c.service_type, c.login_account_id
           FROM registration_flows f JOIN contracts c ON c.id = f.contract_id
          WHERE f.token_hash = $1 AND f.state = 'legacy_verified' AND f.expires_at > $2
          FOR UPDATE OF f`,
        [hashSecretToken(flowToken), now],
      )) as Array<{ id: string; contract_id: string; network_id: string; service_type: ServiceType; login_account_id: string | null }>;
      if (!flow) throw flowExpired();
      await tx.manager.query(`UPDATE registration_flows SET state = 'done', completed_at = $2 WHERE id = $1`, [flow.id, now]);
      const actor = { type: 'anonymous' as const };
      const context = { ip: client.ip, userAgent: client.userAgent, requestId: client.requestId };

      const created = (await tx.manager.query(
        `INSERT INTO login_accounts (email, state, terms_version, privacy_policy_version, consented_at, created_at, updated_at)
         VALUES ($1, 'pending_password', $2, $3, $4, $4, $4)
         ON CONFLICT ((lower(email))) DO NOTHING
         RETURNING id`,
        [email, CURRENT_CONSENT.termsVersion, CURRENT_CONSENT.privacyPolicyVersion, now],
      )) as Array<{ id: string }>;

      if (created.length === 0) {
        const [owner] = (await tx.manager.query(`SELECT id, email, state FROM login_accounts WHERE lower(email) = lower($1)`, [email])) as Array<{
          id: string;
          email: string;
          state: string;
        }>;
        if (owner.state === 'pending_password' && flow.login_account_id === owner.id) {
          // Registering again with the same address whose first mail never arrived: a fresh link, nothing else.
          await this.mailPasswordLink(tx, owner.id, owner.email, flow.network_id);
          await this.audit.record(tx, { actor, action: 'registration.link_resent', target: { type: 'login_account', id: owner.id }, ...context });
          return;
        }
        // The email is taken: same answer on screen; its owner learns by mail how to add the contract.
        await this.outbox.queueMail(tx, {
          template: 'registration-already-registered',
          to: owner.email,
          loginAccountId: owner.id,
          data: { email: owner.email, networkId: flow.network_id, loginUrl: `${this.runtime.config.http.publicUrl}/login` },
        });
        await this.audit.record(tx, {
          actor,
          action: 'registration.email_already_registered',
          target: { type: 'login_account', id: owner.id },
          after: { networkId: flow.network_id },
          ...context,
        });
        return;
      }

      const accountId = created[0].id;
      // Free, or held by an account whose password was never set (a mistyped address): the link moves here.
      const { refused } = await this.links.linkProven(tx, {
        contractIds: [flow.contract_id],
        loginAccountId: accountId,
        via: 'self_service',
        now,
        actor: { type: 'customer', id: accountId },
        context,
      });
      if (refused.length > 0) throw new AppError('already_linked', HttpStatus.CONFLICT, 'This network ID is already migrated: please log in');

      await this.mailPasswordLink(tx, accountId, email, flow.network_id);
      await this.audit.record(tx, {
        actor: { type: 'customer', id: accountId },
        action: 'registration.completed',
        target: { type: 'login_account', id: accountId },
        after: { email, networkId: flow.network_id, ...CURRENT_CONSENT, consentedAt: now.toISOString() },
        ...context,
      });
    });
  }

  private async mailPasswordLink(tx: Tx, accountId: string, email: string, networkId: string): Promise<void> {
    const passwordSetUrl = await this.passwordLinks.issue(tx, accountId, 'initial');
    await this.outbox.queueMail(tx, {
      template: 'registration-complete',
      to: email,
      loginAccountId: accountId,
      data: {
        email,
        networkId,
        passwordSetUrl,
        passwordResetRequestUrl: this.passwordLinks.requestUrl(),
        validHours: this.runtime.config.passwordLinkHours,
      },
    });
  }
}
