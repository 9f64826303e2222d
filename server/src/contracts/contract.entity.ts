import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { LoginAccount } from '../accounts/login-account.entity';
import { BillingAccount } from './billing-account.entity';
import type { LegacyHashScheme } from './legacy-import/legacy-password';
import type { ServiceType } from './service-type';

export type ContractStatus = 'active' | 'cancelled';
export type LinkedVia = 'self_service' | 'bulk_ticket' | 'agent';

/**
 * One legacy contract and its old login (network ID + password). Linking sets login_account_id:
 * a single column, so a contract can never belong to two accounts.
 */
@Entity('contracts')
export class Contract {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) networkId: string;
  @Column({ type: 'text' }) serviceType: ServiceType;
  @Column({ type: 'date' }) contractedAt: string;
  @Column({ type: 'text' }) status: ContractStatus;
  @Column({ type: 'uuid' }) billingAccountId: string;
  @ManyToOne(() => BillingAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'billing_account_id' })
  billingAccount?: BillingAccount;
  @Column({ type: 'text' }) legacyPasswordScheme: LegacyHashScheme;
  @Column({ type: 'text', select: false }) legacyPasswordHash: string;
  @Column({ type: 'text', nullable: true }) contactEmail: string | null;
  @Column({ type: 'uuid', nullable: true }) loginAccountId: string | null;
  @ManyToOne(() => LoginAccount, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'login_account_id' })
  loginAccount?: LoginAccount | null;
  @Column({ type: 'timestamptz', nullable: true }) linkedAt: Date | null;
  @Column({ type: 'text', nullable: true }) linkedVia: LinkedVia | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
