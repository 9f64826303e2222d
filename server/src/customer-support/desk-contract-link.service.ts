import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { ContractLinkService, type LinkRefusal } from '../contracts/linking/contract-link.service';
import { inTransaction } from '../database/transaction';
import { auditContext, lockCustomer, type DeskActor } from './desk-context';

const REFUSAL_TEXT: Record<LinkRefusal['reason'], [string, HttpStatus, string]> = {
  linked_here: ['already_linked_here', HttpStatus.CONFLICT, 'This network ID is already linked to this customer'],
  linked_elsewhere: ['already_linked', HttpStatus.CONFLICT, 'This network ID is linked to another login account: unlink it there first'],
  excluded_service: ['excluded_service', HttpStatus.UNPROCESSABLE_ENTITY, 'This service is out of scope of the migration'],
  cancelled: ['cancelled_contract', HttpStatus.UNPROCESSABLE_ENTITY, 'This contract is cancelled'],
  post_cutover: ['post_cutover_contract', HttpStatus.UNPROCESSABLE_ENTITY, 'This contract started after the cutover: it has no legacy login to migrate'],
};

/** The desk links a network ID to a customer by hand, or (supervisors) unlinks one (domain.md §6.3). */
@Injectable()
export class DeskContractLinkService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly links: ContractLinkService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async link(loginAccountId: string, networkId: string, reason: string, desk: DeskActor) {
    return inTransaction(this.db, async (tx) => {
      const customer = await lockCustomer(tx, loginAccountId);
      if (customer.state === 'disabled') throw new AppError('customer_disabled', HttpStatus.CONFLICT, 'This login account is disabled');
      const [contract] = (await tx.manager.query(`SELECT id FROM contracts WHERE network_id = $1`, [networkId])) as Array<{ id: string }>;
      if (!contract) throw AppError.invalidInput([{ field: 'networkId', message: 'no contract has this network ID' }]);
      const result = await this.links.linkProven(tx, {
        contractIds: [contract.id],
        loginAccountId: customer.id,
        via: 'agent',
        now: this.clock.now(),
        reason,
        takePendingLinks: false,
        actor: auditContext(desk).actor,
        context: desk.client,
      });
      if (result.refused.length > 0) {
        const [code, status, message] = REFUSAL_TEXT[result.refused[0].reason];
        throw new AppError(code, status, message);
      }
      return { networkId, linkedVia: 'agent' as const };
    });
  }

  async unlink(loginAccountId: string, networkId: string, reason: string, desk: DeskActor) {
    return inTransaction(this.db, async (tx) => {
      const customer = await lockCustomer(tx, loginAccountId);
      const [contract] = (await tx.manager.query(
        `SELECT id, linked_via, linked_at FROM contracts WHERE network_id = $1 AND login_account_id = $2 FOR UPDATE`,
        [networkId, customer.id],
      )) as Array<{ id: string; linked_via: string; linked_at: Date }>;
      if (!contract) throw new AppError('not_linked_here', HttpStatus.NOT_FOUND, 'This network ID is not linked to this customer');
      await tx.manager.query(`UPDATE contracts SET login_account_id = NULL, linked_at = NULL, linked_via = NULL, updated_at = $2 WHERE id = $1`, [
        contract.id,
        this.clock.now(),
      ]);
      await this.audit.record(tx, {
        ...auditContext(desk),
        action: 'contract.unlinked',
        target: { type: 'contract', id: contract.id },
        before: { networkId, loginAccountId: customer.id, linkedVia: contract.linked_via, linkedAt: contract.linked_at.toISOString() },
        reason,
      });
      return { networkId, unlinked: true };
    });
  }
}
