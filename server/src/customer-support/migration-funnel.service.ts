import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { CUTOVER_FIRST_DAY, INFOSPHERE_SERVICE_TYPES } from '../contracts/service-type';

/** A customer counts as stuck after this long at one stage. */
export const STUCK_DAYS = 7;

export type StuckKind = 'no_password' | 'no_mfa';

/**
 * The migration funnel (issue: the desk's dashboard): how many customers stand at each stage, and who is
 * stuck — registered but no password, or a password but no second factor, for a week or more.
 */
@Injectable()
export class MigrationFunnelService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async stages() {
    const now = this.clock.now();
    const [row] = (await this.db.query(
      `WITH eligible AS (
         SELECT id, billing_account_id, login_account_id FROM contracts
          WHERE status = 'active' AND service_type = ANY($1::text[]) AND contracted_at < $2::date)
       SELECT
         (SELECT count(*)::int FROM eligible) AS eligible_contracts,
         (SELECT count(*)::int FROM eligible WHERE login_account_id IS NOT NULL) AS linked_contracts,
         (SELECT count(DISTINCT f.contract_id)::int FROM registration_flows f JOIN contracts c ON c.id = f.contract_id
           WHERE f.state = 'legacy_verified' AND f.expires_at > $3 AND c.login_account_id IS NULL) AS legacy_verified,
         (SELECT count(*)::int FROM login_accounts WHERE state <> 'disabled') AS email_registered,
         (SELECT count(*)::int FROM login_accounts WHERE state = 'active') AS password_set,
         (SELECT count(*)::int FROM login_accounts a WHERE a.state = 'active'
             AND EXISTS (SELECT 1 FROM mfa_factors f WHERE f.login_account_id = a.id AND f.state = 'active')) AS mfa_enrolled,
         (SELECT count(*)::int FROM login_accounts a WHERE a.state = 'active'
             AND EXISTS (SELECT 1 FROM mfa_factors f WHERE f.login_account_id = a.id AND f.state = 'active')
             AND NOT EXISTS (SELECT 1 FROM eligible e
                              WHERE e.login_account_id IS NULL
                                AND e.billing_account_id IN (SELECT billing_account_id FROM contracts WHERE login_account_id = a.id))) AS all_contracts_linked`,
      [INFOSPHERE_SERVICE_TYPES, CUTOVER_FIRST_DAY, now],
    )) as Array<Record<string, number>>;
    const stuck = await this.stuckCounts();
    return {
      contracts: { eligible: row.eligible_contracts, linked: row.linked_contracts },
      stages: [
        { stage: 'legacy_verified', customers: row.legacy_verified },
        { stage: 'email_registered', customers: row.email_registered },
        { stage: 'password_set', customers: row.password_set },
        { stage: 'mfa_enrolled', customers: row.mfa_enrolled },
        { stage: 'all_contracts_linked', customers: row.all_contracts_linked },
      ],
      stuck,
      stuckAfterDays: STUCK_DAYS,
    };
  }

  async stuckList(kind: StuckKind | undefined, page: { start: number; end: number }) {
    const { sql, params } = this.stuckWhere(kind);
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT a.id, a.email, a.state, a.created_at,
                CASE WHEN a.state = 'pending_password' THEN 'no_password' ELSE 'no_mfa' END AS kind,
                (SELECT max(created_at) FROM outgoing_messages m WHERE m.login_account_id = a.id AND m.template IN ('registration-complete', 'password-set-link')) AS last_password_mail_at
           FROM login_accounts a WHERE ${sql}
          ORDER BY a.created_at, a.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, page.end - page.start, page.start],
      ) as Promise<Array<{ id: string; email: string; state: string; created_at: Date; kind: StuckKind; last_password_mail_at: Date | null }>>,
      this.db.query(`SELECT count(*)::int AS total FROM login_accounts a WHERE ${sql}`, params) as Promise<Array<{ total: number }>>,
    ]);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        email: r.email,
        state: r.state,
        kind: r.kind,
        createdAt: r.created_at.toISOString(),
        lastPasswordMailAt: r.last_password_mail_at?.toISOString() ?? null,
      })),
    };
  }

  private async stuckCounts(): Promise<Record<StuckKind, number>> {
    const noPassword = this.stuckWhere('no_password');
    const noMfa = this.stuckWhere('no_mfa');
    const [[a], [b]] = (await Promise.all([
      this.db.query(`SELECT count(*)::int AS n FROM login_accounts a WHERE ${noPassword.sql}`, noPassword.params),
      this.db.query(`SELECT count(*)::int AS n FROM login_accounts a WHERE ${noMfa.sql}`, noMfa.params),
    ])) as Array<Array<{ n: number }>>;
    return { no_password: a.n, no_mfa: b.n };
  }

  private stuckWhere(kind: StuckKind | undefined): { sql: string; params: unknown[] } {
    const before = new Date(this.clock.now().getTime() - STUCK_DAYS * 86_400_000);
    const noPassword = `(a.state = 'pending_password' AND a.created_at < $1)`;
    const noMfa = `(a.state = 'active' AND a.created_at < $1 AND NOT EXISTS (SELECT 1 FROM mfa_factors f WHERE f.login_account_id = a.id AND f.state = 'active'))`;
    const sql = kind === 'no_password' ? noPassword : kind === 'no_mfa' ? noMfa : `(${noPassword} OR ${noMfa})`;
    return { sql, params: [before] };
  }
}
