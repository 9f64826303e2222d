import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type LoginAccountState = 'pending_password' | 'active' | 'disabled';

/** The customer's one login on the customer site: an email address, a password and (later) MFA. */
@Entity('login_accounts')
export class LoginAccount {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Unique case-insensitively (index on lower(email), see the migration). */
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text', nullable: true, select: false }) passwordHash: string | null;
  @Column({ type: 'text', default: 'pending_password' }) state: LoginAccountState;
  @Column({ type: 'text', nullable: true }) termsVersion: string | null;
  @Column({ type: 'text', nullable: true }) privacyPolicyVersion: string | null;
  @Column({ type: 'timestamptz', nullable: true }) consentedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
