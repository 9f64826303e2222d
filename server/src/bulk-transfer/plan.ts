import { CUTOVER_FIRST_DAY, SERVICE_TYPES, type ServiceType } from '../contracts/service-type';
import { BULK_MINIMUM_CONTRACTS, TOP_CRUISE_REMARK } from './inquiry';

/** What the plan does with one contract of the billing account (domain.md §5). Only `to_link` is linked. */
export const ITEM_CLASSES = ['to_link', 'linked_here', 'linked_elsewhere', 'excluded_service', 'cancelled', 'post_cutover', 'top_cruise'] as const;
export type ItemClass = (typeof ITEM_CLASSES)[number];

export interface PlanContract {
  serviceType: ServiceType;
  status: 'active' | 'cancelled';
  contractedAt: string;
  loginAccountId: string | null;
}

/** The class of one contract for a ticket of `accountId`. Order matters: a Top Cruise contract is never InfoSphere. */
export function classifyContract(contract: PlanContract, accountId: string): ItemClass {
  const category = SERVICE_TYPES[contract.serviceType].category;
  if (category === 'top_cruise') return 'top_cruise';
  if (category !== 'infosphere') return 'excluded_service';
  if (contract.loginAccountId === accountId) return 'linked_here';
  if (contract.loginAccountId) return 'linked_elsewhere';
  if (contract.status === 'cancelled') return 'cancelled';
  if (contract.contractedAt >= CUTOVER_FIRST_DAY) return 'post_cutover';
  return 'to_link';
}

export type AutoRejectReason = 'account_missing' | 'network_id_not_linked' | 'not_consolidated' | 'too_few_contracts';
export type TopCruiseFlag = 'remark_without_link' | 'link_without_remark';

/** The guide's threshold counts InfoSphere contracts that are still active, whoever holds them. */
export function infosphereContracts(contracts: PlanContract[]): number {
  return contracts.filter((c) => SERVICE_TYPES[c.serviceType].category === 'infosphere' && c.status === 'active').length;
}

export function tooFew(contracts: PlanContract[]): boolean {
  return infosphereContracts(contracts) < BULK_MINIMUM_CONTRACTS;
}

/** A remark and a bill that disagree about Top Cruise are flagged for the reviewer, never rejected. */
export function topCruiseFlag(remark: string, billTopCruiseLinked: boolean): TopCruiseFlag | null {
  const saysTopCruise = remark === TOP_CRUISE_REMARK;
  if (saysTopCruise && !billTopCruiseLinked) return 'remark_without_link';
  if (!saysTopCruise && billTopCruiseLinked) return 'link_without_remark';
  return null;
}
