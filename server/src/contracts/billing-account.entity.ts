import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** 請求アカウント: one bill; `consolidated` (同一請求) decides whether the desk may bulk-transfer it. */
@Entity('billing_accounts')
export class BillingAccount {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) customerName: string;
  @Column({ type: 'boolean', default: false }) consolidated: boolean;
  @Column({ type: 'boolean', default: false }) topCruiseLinked: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
