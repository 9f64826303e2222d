import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { normaliseNetworkId } from '../contracts/network-id';

export interface CustomerSearch {
  /** An email (or its start), a network ID (or its start), a billing account code, or part of a customer name. */
  q?: string;
  state?: 'pending_password' | 'active' | 'disabled';
  sort: 'createdAt' | 'email';
  order: 'ASC' | 'DESC';
  start: number;
  end: number;
}

export interface CustomerListItem {
  id: string;
  email: string;
  state: string;
  createdAt: string;
  contracts: number;
  customerNames: string[];
  mfaEnrolled: boolean;
}

const SORT_COLUMNS = { createdAt: 'a.created_at', email: 'lower(a.email)' } as const;
const escapeLike = (s: string) => s.replace(/[%_\\]/g, '\\$&');

/**
 * The desk's customer search (domain.md §6.2): one box that takes what a caller reads out — email,
 * network ID, billing account code or name. Each kind uses its own index (prefix searches); only the
 * name, a part of it, scans the billing accounts.
 */
@Injectable()
export class CustomerSearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(query: CustomerSearch): Promise<{ total: number; items: CustomerListItem[] }> {
    const params: unknown[] = [];
    const where: string[] = [];
    let from = 'login_accounts a';
    const q = query.q?.trim();
    if (q) {
      const lower = escapeLike(q.normalize('NFKC').toLowerCase());
      const networkId = escapeLike(normaliseNetworkId(q));
      const pText = params.push(`${lower}%`);
      const pId = params.push(`${networkId}%`);
      const pName = params.push(`%${lower}%`);
      // One branch per kind of identifier, each on its own index (an OR across two would scan the table).
      from = `(SELECT id FROM login_accounts WHERE lower(email) LIKE $${pText}
                UNION SELECT login_account_id FROM contracts WHERE network_id LIKE $${pId} AND login_account_id IS NOT NULL
                UNION SELECT login_account_id FROM contracts
                       WHERE login_account_id IS NOT NULL AND billing_account_id IN (SELECT id FROM billing_accounts WHERE code LIKE $${pId})
                UNION SELECT login_account_id FROM contracts
                       WHERE login_account_id IS NOT NULL AND billing_account_id IN (SELECT id FROM billing_accounts WHERE lower(customer_name) LIKE $${pName})
              ) m JOIN login_accounts a ON a.id = m.id`;
    }
    if (query.state) where.push(`a.state = $${params.push(query.state)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const limit = query.end - query.start;
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT a.id, a.email, a.state, a.created_at,
                (SELECT count(*)::int FROM contracts c WHERE c.login_account_id = a.id) AS contracts,
                ARRAY(SELECT DISTINCT b.customer_name FROM contracts c JOIN billing_accounts b ON b.id = c.billing_account_id
                       WHERE c.login_account_id = a.id ORDER BY 1 LIMIT 3) AS customer_names,
                EXISTS (SELECT 1 FROM mfa_factors f WHERE f.login_account_id = a.id AND f.state = 'active') AS mfa_enrolled
           FROM ${from} ${filter}
          ORDER BY ${SORT_COLUMNS[query.sort]} ${query.order}, a.id
          LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, limit, query.start],
      ) as Promise<Array<{ id: string; email: string; state: string; created_at: Date; contracts: number; customer_names: string[]; mfa_enrolled: boolean }>>,
      this.db.query(`SELECT count(*)::int AS total FROM ${from} ${filter}`, params) as Promise<Array<{ total: number }>>,
    ]);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        email: r.email,
        state: r.state,
        createdAt: r.created_at.toISOString(),
        contracts: r.contracts,
        customerNames: r.customer_names,
        mfaEnrolled: r.mfa_enrolled,
      })),
    };
  }
}
