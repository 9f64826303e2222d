import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ContractStatus, LinkedVia } from '../contract.entity';
import { SERVICE_TYPES, type ServiceType } from '../service-type';

export interface ContractListQuery {
  status?: ContractStatus;
  serviceType?: ServiceType;
  /** A part of the network ID (already normalised). */
  q?: string;
  offset: number;
  limit: number;
}

/** §4.5: every contract linked to the signed-in customer's account; filters for long lists. */
@Injectable()
export class CustomerContractsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(loginAccountId: string, query: ContractListQuery) {
    const where = ['login_account_id = $1'];
    const params: unknown[] = [loginAccountId];
    if (query.status) where.push(`status = $${params.push(query.status)}`);
    if (query.serviceType) where.push(`service_type = $${params.push(query.serviceType)}`);
    if (query.q) where.push(`network_id LIKE $${params.push(`%${query.q.replace(/[%_\\]/g, '\\$&')}%`)}`);
    const filter = where.join(' AND ');
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT network_id, service_type, status, linked_at, linked_via FROM contracts WHERE ${filter}
          ORDER BY network_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, query.limit, query.offset],
      ) as Promise<Array<{ network_id: string; service_type: ServiceType; status: ContractStatus; linked_at: Date; linked_via: LinkedVia }>>,
      this.db.query(`SELECT count(*)::int AS total FROM contracts WHERE ${filter}`, params) as Promise<Array<{ total: number }>>,
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
  }
}
