import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { OPEN_TICKET_STATES } from './ticket-states';

/** How many days of closures the dashboard charts. */
const DAYS = 30;

/** The desk's dashboard of tickets (issue 7, SLA): open by state, breaches, closed per day, median time to completion. */
@Injectable()
export class TicketMetricsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async dashboard() {
    const now = this.clock.now();
    const since = new Date(now.getTime() - DAYS * 86_400_000);
    const [byState, [breach], perDay, [median]] = (await Promise.all([
      this.db.query(`SELECT state, count(*)::int AS n FROM bulk_transfer_tickets WHERE state = ANY($1::text[]) GROUP BY state ORDER BY state`, [OPEN_TICKET_STATES]),
      this.db.query(`SELECT count(*)::int AS n FROM bulk_transfer_tickets WHERE state = ANY($1::text[]) AND due_at < $2`, [OPEN_TICKET_STATES, now]),
      this.db.query(
        `SELECT to_char(date_trunc('day', closed_at AT TIME ZONE 'Asia/Tokyo'), 'YYYY-MM-DD') AS day, state, count(*)::int AS n
           FROM bulk_transfer_tickets WHERE closed_at >= $1 GROUP BY 1, 2 ORDER BY 1, 2`,
        [since],
      ),
      this.db.query(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - received_at)) AS seconds, count(*)::int AS n
           FROM bulk_transfer_tickets WHERE state IN ('completed', 'partially_completed') AND closed_at >= $1`,
        [since],
      ),
    ])) as [Array<{ state: string; n: number }>, Array<{ n: number }>, Array<{ day: string; state: string; n: number }>, Array<{ seconds: number | null; n: number }>];
    return {
      open: Object.fromEntries(byState.map((r) => [r.state, r.n])),
      breached: breach.n,
      closedPerDay: perDay.map((r) => ({ day: r.day, state: r.state, count: r.n })),
      medianHoursToCompletion: median.seconds === null ? null : Math.round((Number(median.seconds) / 3600) * 10) / 10,
      completedInPeriod: median.n,
      periodDays: DAYS,
    };
  }
}
