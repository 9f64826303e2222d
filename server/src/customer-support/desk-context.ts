import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/app-error';
import type { ClientInfo } from '../common/client-info';
import type { Tx } from '../database/transaction';

/** Who acts at the desk, from where: every support action is audited with it. */
export interface DeskActor {
  staffUserId: string;
  client: ClientInfo;
}

export const auditContext = (desk: DeskActor) => ({
  actor: { type: 'staff' as const, id: desk.staffUserId },
  ip: desk.client.ip,
  userAgent: desk.client.userAgent,
  requestId: desk.client.requestId,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Locks the customer's account row for the action; 404 when there is none. */
export async function lockCustomer(tx: Tx, loginAccountId: string): Promise<{ id: string; email: string; state: string }> {
  const [row] = UUID.test(loginAccountId)
    ? ((await tx.manager.query(`SELECT id, email, state FROM login_accounts WHERE id = $1 FOR UPDATE`, [loginAccountId])) as Array<{ id: string; email: string; state: string }>)
    : [];
  if (!row) throw new AppError('customer_not_found', HttpStatus.NOT_FOUND, 'No such customer');
  return row;
}
