import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const STAFF_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A support-desk member who signs in to /console/ with email + password + TOTP (always). */
@Entity('staff_users')
export class StaffUser {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) displayName: string;
  @Column({ type: 'text' }) role: StaffRole;
  @Column({ type: 'text', select: false }) passwordHash: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** The TOTP seed, sealed by SecretBox (never selected by default). */
  @Column({ type: 'text', nullable: true, select: false }) totpSecret: string | null;
  @Column({ type: 'bigint', nullable: true, select: false }) totpLastStep: string | null;
  @Column({ type: 'timestamptz', nullable: true }) totpEnrolledAt: Date | null;
  @Column({ type: 'integer', default: 0 }) failedAttempts: number;
  @Column({ type: 'integer', default: 0 }) consecutiveFailures: number;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastSignInAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
